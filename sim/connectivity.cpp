// Connection building. Every random choice is keyed by (seed, projection, row or column), so the
// synapses are the same at any thread count; rows come out sorted by target.
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/check.hpp"
#include "sim/memory.hpp"
#include "sim/projection.hpp"
#include "sim/random.hpp"
#include "sim/time.hpp"

namespace plastica {

const char* ConnectionRule::kind_name(Kind k) {
    switch (k) {
        case Kind::all_to_all: return "all_to_all";
        case Kind::one_to_one: return "one_to_one";
        case Kind::fixed_probability: return "fixed_probability";
        case Kind::fixed_indegree: return "fixed_indegree";
        case Kind::fixed_outdegree: return "fixed_outdegree";
        case Kind::pairs: return "pairs";
    }
    return "?";
}

std::uint16_t Projection::max_delay() const {
    return delays.empty() ? delay_steps : *std::max_element(delays.begin(), delays.end());
}

std::size_t Projection::bytes() const {
    std::size_t n = row_ptr.capacity() * sizeof(std::uint64_t) + target.bytes() + weight.capacity() * sizeof(float) +
                    delays.capacity() * sizeof(std::uint16_t);
    for (const auto& r : rules) n += r->bytes();
    return n;
}

namespace {

/// Appends target j to a row being written (16- or 32-bit indices, see TargetIndices).
template <class T>
void put(T*& out, Index j) {
    *out++ = static_cast<T>(j);
}

/// Fills target[] row by row: `count(i)` gives the row length, `fill(i, out)` writes it (sorted).
template <class Count, class Fill>
void build_rows(Projection& p, Index n_pre, Index n_post, Count count, Fill fill) {
    p.row_ptr.assign(std::size_t(n_pre) + 1, 0);
#pragma omp parallel for schedule(dynamic, 256)
    for (std::int64_t i = 0; i < n_pre; ++i) p.row_ptr[i + 1] = count(static_cast<Index>(i));
    std::partial_sum(p.row_ptr.begin(), p.row_ptr.end(), p.row_ptr.begin());
    p.target.resize(p.row_ptr.back(), n_post);
    p.target.visit([&](auto* tgt) {
#pragma omp parallel for schedule(dynamic, 256)
        for (std::int64_t i = 0; i < n_pre; ++i) fill(static_cast<Index>(i), tgt + p.row_ptr[i]);
    });
}

/// Samples k distinct values of [0, n) excluding `skip` (or none), sorted; Floyd's algorithm
/// keeps it O(k log k) for sparse rows, a shuffle-free selection for dense ones.
void sample_distinct(RandomStream& rng, std::uint32_t n, std::uint64_t k, std::int64_t skip, std::vector<std::uint32_t>& out) {
    out.clear();
    const std::uint32_t m = skip >= 0 ? n - 1 : n;  // values drawn from [0, m), then shifted past skip
    if (k * 4 > m) {  // dense: selection sampling (Knuth's Algorithm S), already sorted
        std::uint64_t needed = k;
        for (std::uint32_t v = 0; v < m && needed; ++v)
            if (rng.uniform() * (m - v) < static_cast<double>(needed)) {
                out.push_back(v);
                --needed;
            }
    } else {
        for (std::uint64_t j = m - k; j < m; ++j) {
            const std::uint32_t t = rng.below(static_cast<std::uint32_t>(j + 1));
            if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
            else out.push_back(static_cast<std::uint32_t>(j));
        }
        std::sort(out.begin(), out.end());
    }
    if (skip >= 0)
        for (auto& v : out)
            if (v >= static_cast<std::uint32_t>(skip)) ++v;
}

void sample_with_replacement(RandomStream& rng, std::uint32_t n, std::uint64_t k, std::int64_t skip, std::vector<std::uint32_t>& out) {
    out.clear();
    const std::uint32_t m = skip >= 0 ? n - 1 : n;
    for (std::uint64_t j = 0; j < k; ++j) {
        std::uint32_t v = rng.below(m);
        if (skip >= 0 && v >= static_cast<std::uint32_t>(skip)) ++v;
        out.push_back(v);
    }
    std::sort(out.begin(), out.end());
}

}  // namespace

void build_projection(Projection& p, Index n_pre, Index n_post, bool same, bool conductance,
                      const ConnectionRule& rule, const SynapseSpec& syn, double dt, std::uint32_t seed,
                      std::uint32_t proj_index, const std::string& where) {
    using K = ConnectionRule::Kind;
    const bool no_self = same && !rule.allow_autapses;
    const std::uint32_t conn_stream = stream_id(StreamKind::connectivity, proj_index);
    p.receptor = syn.receptor;

    syn.weight.validate(where, "weight");
    syn.delay.validate(where, "delay");
    if (conductance && syn.weight.lowest() < 0)
        throw Error(where, "weight", syn.weight.describe(), "conductance weights must be >= 0 nS (clip with min = 0)");

    // The synapses this rule will make, estimated before anything is allocated: target index,
    // weight, per-synapse delay when drawn, and the building pass's scratch (about one more copy).
    {
        const double pre = n_pre, post = n_post;
        double expected = 0;
        switch (rule.kind) {
            case K::all_to_all: expected = pre * post; break;
            case K::one_to_one: expected = pre; break;
            case K::fixed_probability: expected = std::clamp(rule.p, 0.0, 1.0) * pre * post; break;
            case K::fixed_indegree: expected = static_cast<double>(rule.k) * post; break;
            case K::fixed_outdegree: expected = static_cast<double>(rule.k) * pre; break;
            case K::pairs: expected = static_cast<double>(rule.pair_list.size()); break;
        }
        const double per = 2.0 * (4 + 4 + (syn.delay.is_constant() ? 0 : 2));
        if (std::isfinite(expected))  // a NaN probability is reported by the rule's own check below
            check_memory(where, "synapses", "about " + to_text(std::round(expected)), expected * per + 8.0 * (pre + 1));
    }

    switch (rule.kind) {
        case K::all_to_all:
            build_rows(p, n_pre, n_post, [&](Index i) { return std::uint64_t(n_post) - (no_self && i < n_post ? 1 : 0); },
                       [&](Index i, auto* out) {
                           for (Index j = 0; j < n_post; ++j)
                               if (!(no_self && i == j)) put(out, j);
                       });
            break;
        case K::one_to_one:
            if (n_pre != n_post)
                throw Error(where, "rule", "one_to_one", "needs equal sizes, got " + std::to_string(n_pre) + " and " + std::to_string(n_post));
            build_rows(p, n_pre, n_post, [&](Index) { return std::uint64_t(no_self ? 0 : 1); },
                       [&](Index i, auto* out) {
                           if (!no_self) put(out, i);
                       });
            break;
        case K::fixed_probability: {
            check::in_range(where, "p", rule.p, 0.0, 1.0);
            // Geometric skipping: the gap to the next connected target is geometric(p), so a row
            // costs O(p n_post) random numbers. Both passes replay the same stream.
            const double log_q = std::log1p(-rule.p);
            auto walk = [&](Index i, auto&& emit) {
                if (rule.p <= 0) return;
                RandomStream rng(seed, conn_stream, i, 0);
                std::int64_t j = -1;
                for (;;) {
                    const double gap = rule.p >= 1 ? 0.0 : std::floor(std::log(rng.uniform()) / log_q);
                    if (gap >= static_cast<double>(n_post)) break;
                    j += 1 + static_cast<std::int64_t>(gap);
                    if (j >= static_cast<std::int64_t>(n_post)) break;
                    if (no_self && j == static_cast<std::int64_t>(i)) continue;
                    emit(static_cast<std::uint32_t>(j));
                }
            };
            build_rows(p, n_pre, n_post,
                       [&](Index i) { std::uint64_t c = 0; walk(i, [&](std::uint32_t) { ++c; }); return c; },
                       [&](Index i, auto* out) { walk(i, [&](std::uint32_t j) { put(out, j); }); });
            break;
        }
        case K::fixed_outdegree: {
            const std::uint64_t avail = n_post - (no_self ? 1 : 0);
            if (!rule.allow_multapses && rule.k > avail)
                throw Error(where, "k", std::to_string(rule.k), "exceeds the " + std::to_string(avail) + " possible targets without multapses");
            if (rule.k > 0 && avail == 0) throw Error(where, "k", std::to_string(rule.k), "no possible targets");
            build_rows(p, n_pre, n_post, [&](Index) { return rule.k; }, [&](Index i, auto* out) {
                thread_local std::vector<std::uint32_t> buf;
                RandomStream rng(seed, conn_stream, i, 0);
                const std::int64_t skip = no_self && i < n_post ? static_cast<std::int64_t>(i) : -1;
                if (rule.allow_multapses) sample_with_replacement(rng, n_post, rule.k, skip, buf);
                else sample_distinct(rng, n_post, rule.k, skip, buf);
                for (const Index j : buf) put(out, j);
            });
            break;
        }
        case K::fixed_indegree: {
            const std::uint64_t avail = n_pre - (no_self ? 1 : 0);
            if (!rule.allow_multapses && rule.k > avail)
                throw Error(where, "k", std::to_string(rule.k), "exceeds the " + std::to_string(avail) + " possible sources without multapses");
            if (rule.k > 0 && avail == 0) throw Error(where, "k", std::to_string(rule.k), "no possible sources");
            // Draw each column (the sources of one target), then transpose by counting sort.
            // Walking targets in increasing order keeps every row sorted by target.
            std::vector<std::uint32_t> sources(std::size_t(n_post) * rule.k);
#pragma omp parallel for schedule(dynamic, 256)
            for (std::int64_t j = 0; j < n_post; ++j) {
                thread_local std::vector<std::uint32_t> buf;
                RandomStream rng(seed, conn_stream, static_cast<std::uint64_t>(j), 1);
                const std::int64_t skip = no_self && j < n_pre ? j : -1;
                if (rule.allow_multapses) sample_with_replacement(rng, n_pre, rule.k, skip, buf);
                else sample_distinct(rng, n_pre, rule.k, skip, buf);
                std::copy(buf.begin(), buf.end(), sources.begin() + j * rule.k);
            }
            p.row_ptr.assign(std::size_t(n_pre) + 1, 0);
            for (auto s : sources) ++p.row_ptr[s + 1];
            std::partial_sum(p.row_ptr.begin(), p.row_ptr.end(), p.row_ptr.begin());
            p.target.resize(sources.size(), n_post);
            std::vector<std::uint64_t> fill(p.row_ptr.begin(), p.row_ptr.end() - 1);
            for (std::uint32_t j = 0; j < n_post; ++j)
                for (std::uint64_t c = 0; c < rule.k; ++c) p.target.set(fill[sources[j * rule.k + c]]++, j);
            break;
        }
        case K::pairs: {
            const auto& L = rule.pair_list;
            if (!rule.pair_weights.empty() && rule.pair_weights.size() != L.size())
                throw Error(where, "weights", std::to_string(rule.pair_weights.size()) + " values", "needs one weight per pair (" + std::to_string(L.size()) + ")");
            if (!rule.pair_delays.empty() && rule.pair_delays.size() != L.size())
                throw Error(where, "delays", std::to_string(rule.pair_delays.size()) + " values", "needs one delay per pair (" + std::to_string(L.size()) + ")");
            std::vector<std::size_t> order(L.size());
            std::iota(order.begin(), order.end(), 0);
            for (std::size_t e = 0; e < L.size(); ++e) {
                if (L[e].first >= n_pre || L[e].second >= n_post)
                    throw Error(where, "pairs[" + std::to_string(e) + "]",
                                "(" + std::to_string(L[e].first) + ", " + std::to_string(L[e].second) + ")", "index out of range");
                if (no_self && L[e].first == L[e].second)
                    throw Error(where, "pairs[" + std::to_string(e) + "]", std::to_string(L[e].first), "autapse while autapses are off");
            }
            std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return L[a] < L[b]; });
            if (!rule.allow_multapses)
                for (std::size_t e = 1; e < order.size(); ++e)
                    if (L[order[e]] == L[order[e - 1]])
                        throw Error(where, "pairs[" + std::to_string(order[e]) + "]", "", "repeated pair while multapses are off");
            p.row_ptr.assign(std::size_t(n_pre) + 1, 0);
            for (const auto& pr : L) ++p.row_ptr[pr.first + 1];
            std::partial_sum(p.row_ptr.begin(), p.row_ptr.end(), p.row_ptr.begin());
            p.target.resize(L.size(), n_post);
            for (std::size_t e = 0; e < order.size(); ++e) p.target.set(e, L[order[e]].second);
            if (!rule.pair_weights.empty()) {
                p.weight.resize(L.size());
                for (std::size_t e = 0; e < order.size(); ++e) {
                    const double w = rule.pair_weights[order[e]];
                    check::finite(where, "weights[" + std::to_string(order[e]) + "]", w);
                    if (conductance && w < 0)
                        throw Error(where, "weights[" + std::to_string(order[e]) + "]", to_text(w), "conductance weights must be >= 0 nS");
                    p.weight[e] = static_cast<float>(w);
                }
            }
            if (!rule.pair_delays.empty()) {
                p.delays.resize(L.size());
                for (std::size_t e = 0; e < order.size(); ++e) {
                    const std::string key = "delays[" + std::to_string(order[e]) + "]";
                    const Step d = steps_of(where, key, rule.pair_delays[order[e]], dt);
                    if (d < 1 || d > 65535) throw Error(where, key, to_text(rule.pair_delays[order[e]]) + " ms", "must be at least dt and at most 65535 steps");
                    p.delays[e] = static_cast<std::uint16_t>(d);
                }
            }
            break;
        }
    }

    // Weights: constant, or one draw per synapse keyed by its position.
    const std::uint64_t n = p.target.size();
    if (p.weight.empty()) {
        p.weight.resize(n);
        if (syn.weight.is_constant()) {
            std::fill(p.weight.begin(), p.weight.end(), static_cast<float>(syn.weight.a));
        } else {
            const std::uint32_t ws = stream_id(StreamKind::weights, proj_index);
#pragma omp parallel for schedule(static)
            for (std::int64_t s = 0; s < static_cast<std::int64_t>(n); ++s) {
                RandomStream rng(seed, ws, static_cast<std::uint64_t>(s), 0);
                p.weight[s] = static_cast<float>(syn.weight.sample(rng));
            }
        }
    }
    // Weights are float32: a finite double beyond 3.4e38 (or a draw that overflows) becomes
    // infinite, and would silently make every target's state infinite.
    for (std::uint64_t s = 0; s < n; ++s)
        if (!std::isfinite(p.weight[s]))
            throw Error(where, "weight", syn.weight.describe(),
                        "gives " + to_text(p.weight[s]) + " at synapse " + std::to_string(s) + " (weights are float32: |w| < 3.4e38, finite)");
    // Delays: a constant must sit on the grid; a distribution's draws are rounded to the nearest
    // step (a continuous distribution cannot sit on it) and must stay >= dt.
    if (p.delays.empty()) {
        if (syn.delay.is_constant()) {
            const Step d = steps_of(where, "delay", syn.delay.a, dt);
            if (d < 1) throw Error(where, "delay", to_text(syn.delay.a) + " ms", "must be at least dt = " + to_text(dt) + " ms");
            if (d > 65535) throw Error(where, "delay", to_text(syn.delay.a) + " ms", "exceeds 65535 steps");
            p.delay_steps = static_cast<std::uint16_t>(d);
        } else {
            if (!(syn.delay.lowest() >= dt * (1 - 1e-9)))
                throw Error(where, "delay", syn.delay.describe(), "every delay must be >= dt = " + to_text(dt) + " ms (add min to clip)");
            if (!(syn.delay.highest() <= 65535 * dt))
                throw Error(where, "delay", syn.delay.describe(), "delays must be at most 65535 steps (add max to clip)");
            p.delays.resize(n);
            const std::uint32_t ds = stream_id(StreamKind::delays, proj_index);
#pragma omp parallel for schedule(static)
            for (std::int64_t s = 0; s < static_cast<std::int64_t>(n); ++s) {
                RandomStream rng(seed, ds, static_cast<std::uint64_t>(s), 0);
                const double d = std::nearbyint(syn.delay.sample(rng) / dt);
                p.delays[s] = static_cast<std::uint16_t>(std::max(1.0, d));
            }
        }
    }
    p.row_ptr.shrink_to_fit();
}

void remap_to_populations(Projection& p, const Projection& v, const std::vector<Index>& pre_view, const std::vector<Index>& post_view,
                          Index n_pre, Index n_post, bool drop_self) {
    const auto pre_of = [&](Index i) { return pre_view.empty() ? i : pre_view[i]; };
    const auto post_of = [&](Index j) { return post_view.empty() ? j : post_view[j]; };
    const Index rows = static_cast<Index>(v.row_ptr.size() - 1);
    // (parent pre, parent post, synapse of the view) for every synapse kept
    struct Syn {
        Index i, j;
        std::uint64_t s;
    };
    std::vector<Syn> all;
    all.reserve(v.size());
    for (Index r = 0; r < rows; ++r)
        for (std::uint64_t s = v.row_ptr[r]; s < v.row_ptr[r + 1]; ++s) {
            const Index i = pre_of(r), j = post_of(v.target[s]);
            if (!(drop_self && i == j)) all.push_back({i, j, s});
        }
    std::stable_sort(all.begin(), all.end(), [](const Syn& a, const Syn& b) { return a.i != b.i ? a.i < b.i : a.j < b.j; });
    p.receptor = v.receptor;
    p.delay_steps = v.delay_steps;
    p.row_ptr.assign(std::size_t(n_pre) + 1, 0);
    for (const Syn& x : all) ++p.row_ptr[x.i + 1];
    std::partial_sum(p.row_ptr.begin(), p.row_ptr.end(), p.row_ptr.begin());
    p.target.resize(all.size(), n_post);
    p.weight.resize(all.size());
    p.delays.assign(v.delays.empty() ? 0 : all.size(), 0);
    for (std::size_t e = 0; e < all.size(); ++e) {
        p.target.set(e, all[e].j);
        p.weight[e] = v.weight[all[e].s];
        if (!v.delays.empty()) p.delays[e] = v.delays[all[e].s];
    }
}

}  // namespace plastica
