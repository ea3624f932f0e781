#include "models/rate/serialize.hpp"

#include <nlohmann/json.hpp>

#include "models/rate/dropout.hpp"
#include "sim/error.hpp"

namespace plastica::rate {

// The saved form of the specs: one field list each, for writing and reading alike. Reading
// throws (caught below) when a field is missing or has the wrong type.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(LayerSpec, kind, units, init, rate)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(OptimizerSpec, kind, momentum, nesterov, alpha, beta1, beta2, eps, l1, l2)

namespace {

template <class T>
const char* precision_name() {
    return sizeof(T) == 4 ? "float32" : "float64";
}

template <class T>
void write_matrix(H5File& f, const std::string& path, const Matrix<T>& m) {
    const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> r = m.template cast<double>();
    f.append_rows(path, r.data(), static_cast<std::size_t>(r.rows()), static_cast<std::size_t>(r.cols()));
}

template <class T>
void read_matrix(const H5Reader& r, const std::string& path, Matrix<T>& m) {
    std::vector<std::size_t> dims;
    const std::vector<double> v = r.read(path, &dims);
    if (dims.size() != 2 || static_cast<Eigen::Index>(dims[0]) != m.rows() || static_cast<Eigen::Index>(dims[1]) != m.cols())
        throw Error(r.path() + ": " + path + " has the wrong shape for the saved architecture (expected " +
                    std::to_string(m.rows()) + " x " + std::to_string(m.cols()) + ")");
    m = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(v.data(), m.rows(), m.cols())
            .template cast<T>();
}

}  // namespace

template <class T>
void save_network(H5File& f, const std::string& g, Network<T>& net, const Optimizer<T>* opt) {
    f.ensure_group(g + "/layers");
    f.attr(g, "architecture", nlohmann::json(net.specs()).dump());
    f.attr(g, "inputs", static_cast<std::int64_t>(net.inputs()));
    f.attr(g, "seed", static_cast<std::int64_t>(net.seed()));
    f.attr(g, "precision", std::string(precision_name<T>()));
    for (std::size_t i = 0; i < net.layer_count(); ++i) {
        const std::string lg = g + "/layers/" + std::to_string(i);
        f.ensure_group(lg);
        f.attr(lg, "kind", net.specs()[i].kind);
        for (const auto& p : net.layer(i).params()) write_matrix(f, lg + "/" + p.name, *p.value);
        if (auto* d = dynamic_cast<Dropout<T>*>(&net.layer(i))) f.attr(lg, "batches", static_cast<std::int64_t>(d->batches));
    }
    if (opt) {
        f.ensure_group(g + "/optimizer");
        f.attr(g + "/optimizer", "spec", nlohmann::json(opt->spec()).dump());
        f.attr(g + "/optimizer", "steps", static_cast<std::int64_t>(opt->steps));
        for (std::size_t i = 0; i < opt->state1.size(); ++i) {
            write_matrix(f, g + "/optimizer/" + std::to_string(i) + "/state1", opt->state1[i]);
            if (i < opt->state2.size()) write_matrix(f, g + "/optimizer/" + std::to_string(i) + "/state2", opt->state2[i]);
        }
    }
    f.flush();
}

template <class T>
LoadedNetwork<T> load_network(const std::string& path, const std::string& g) {
    const H5Reader r(path);
    if (!r.exists(g)) throw Error(path + ": no saved network at " + g);
    const std::string where = path + ":" + g;
    const std::string precision = r.attr_string(g, "precision");
    if (precision != precision_name<T>())
        throw Error(where, "precision", precision, std::string("the network is loaded as ") + precision_name<T>());
    std::vector<LayerSpec> specs;
    try {
        specs = nlohmann::json::parse(r.attr_string(g, "architecture")).get<std::vector<LayerSpec>>();
    } catch (const nlohmann::json::exception& e) {
        throw Error(where, "architecture", "", std::string("malformed: ") + e.what());
    }
    LoadedNetwork<T> out;
    out.net = std::make_unique<Network<T>>(r.attr_int(g, "inputs"), specs, static_cast<std::uint32_t>(r.attr_int(g, "seed")), where);
    for (std::size_t i = 0; i < out.net->layer_count(); ++i) {
        const std::string lg = g + "/layers/" + std::to_string(i);
        for (const auto& p : out.net->layer(i).params()) read_matrix(r, lg + "/" + p.name, *p.value);
        if (auto* d = dynamic_cast<Dropout<T>*>(&out.net->layer(i))) d->batches = static_cast<std::uint64_t>(r.attr_int(lg, "batches"));
    }
    if (r.exists(g + "/optimizer")) {
        OptimizerSpec s;
        try {
            s = nlohmann::json::parse(r.attr_string(g + "/optimizer", "spec")).get<OptimizerSpec>();
        } catch (const nlohmann::json::exception& e) {
            throw Error(where, "optimizer spec", "", std::string("malformed: ") + e.what());
        }
        out.opt = std::make_unique<Optimizer<T>>(s, out.net->params(), where);
        out.opt->steps = r.attr_int(g + "/optimizer", "steps");
        for (std::size_t i = 0; i < out.opt->state1.size(); ++i) {
            read_matrix(r, g + "/optimizer/" + std::to_string(i) + "/state1", out.opt->state1[i]);
            if (i < out.opt->state2.size()) read_matrix(r, g + "/optimizer/" + std::to_string(i) + "/state2", out.opt->state2[i]);
        }
    }
    return out;
}

template void save_network<float>(H5File&, const std::string&, Network<float>&, const Optimizer<float>*);
template void save_network<double>(H5File&, const std::string&, Network<double>&, const Optimizer<double>*);
template LoadedNetwork<float> load_network<float>(const std::string&, const std::string&);
template LoadedNetwork<double> load_network<double>(const std::string&, const std::string&);

}  // namespace plastica::rate
