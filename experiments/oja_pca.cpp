// oja_pca — Oja's rule finds the first principal component (Oja 1982, J. Math. Biol. 15:267).
//
// A linear neuron y = w . x sees samples x ~ N(0, C) of `inputs` correlated Gaussian inputs and
// learns by Oja's rule, dw = eta y (x - y w) (plasticity/hebbian.hpp). The covariance
// C = Q diag(lambda) Q^T has a random orthogonal Q and eigenvalues lambda_k = exp(-k / spread)
// (drawn from the seed). The result is compared with the leading eigenvector of the samples'
// covariance computed by Eigen (SelfAdjointEigenSolver): the cosine between w and it should tend
// to 1 and |w| to 1. The learning curve (cosine and |w| against samples) goes to the file and
// its plot.
#include <cmath>
#include <iomanip>
#include <sstream>

#include <Eigen/Dense>

#include "experiments/analysis_run.hpp"
#include "experiments/curves.hpp"
#include "experiments/model_config.hpp"
#include "plasticity/hebbian.hpp"
#include "sim/random.hpp"

namespace plastica {

namespace {

std::vector<ParamSpec> schema() {
    return {
        ParamSpec::integer("seed", 1, "", "seed of the covariance, the samples and the initial weights").between(0, 4294967295.0),
        ParamSpec::integer("inputs", 10, "", "number of inputs").at_least(2),
        ParamSpec::integer("samples", 20000, "", "samples presented").at_least(1),
        ParamSpec::number("eta", 0.005, "", "learning rate of Oja's rule").positive(),
        ParamSpec::number("spread", 1.5, "", "eigenvalues lambda_k = exp(-k / spread)").positive(),
        ParamSpec::number("w_init", 0.1, "", "standard deviation of the initial weights").positive(),
        ParamSpec::integer("record_every", 200, "", "samples between points of the learning curve").at_least(1),
    };
}

Eigen::MatrixXd random_orthogonal(Eigen::Index n, std::uint32_t seed) {
    Eigen::MatrixXd a(n, n);
    for (Eigen::Index r = 0; r < n; ++r) {
        RandomStream rng(seed, stream_id(StreamKind::dataset, 1), static_cast<std::uint64_t>(r), 0);
        for (Eigen::Index c = 0; c < n; ++c) a(r, c) = rng.normal();
    }
    return Eigen::HouseholderQR<Eigen::MatrixXd>(a).householderQ();
}

void run(const Config& c, const RunOptions& opt, std::ostream& out, std::ostream& err, bool json) {
    run_analysis(find_experiment("oja_pca"), c, opt, out, err, json, [&](H5File* file) {
        const auto n = c.integer_as<Eigen::Index>("inputs");
        const auto seed = c.integer_as<std::uint32_t>("seed");
        const std::int64_t samples = c.integer("samples"), every = c.integer("record_every");
        Eigen::VectorXd lambda(n);
        for (Eigen::Index k = 0; k < n; ++k) lambda[k] = std::exp(-static_cast<double>(k) / c.number("spread"));
        const Eigen::MatrixXd mix = random_orthogonal(n, seed) * lambda.cwiseSqrt().asDiagonal();
        // the samples, kept for the covariance Eigen decomposes
        Eigen::MatrixXd X(n, samples);
        for (std::int64_t s = 0; s < samples; ++s) {
            RandomStream rng(seed, stream_id(StreamKind::dataset, 2), static_cast<std::uint64_t>(s), 0);
            Eigen::VectorXd z(n);
            for (Eigen::Index k = 0; k < n; ++k) z[k] = rng.normal();
            X.col(s) = mix * z;
        }
        const Eigen::MatrixXd cov = X * X.transpose() / static_cast<double>(samples);
        const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(cov);
        const Eigen::VectorXd pc1 = eig.eigenvectors().col(n - 1);  // eigenvalues ascend

        HebbianKernel::Params hp;
        hp.eta = c.number("eta");
        RateHebbian oja(HebbianKernel(HebbianKernel::Kind::oja, hp, "experiment 'oja_pca'"), 1);
        Eigen::MatrixXd W(1, n);
        RandomStream wr(seed, stream_id(StreamKind::rate_init, 0), 0, 0);
        for (Eigen::Index k = 0; k < n; ++k) W(0, k) = c.number("w_init") * wr.normal();
        auto cosine = [&] { return std::fabs(W.row(0).dot(pc1)) / W.row(0).norm(); };
        Curve curve{"learning_curve", "Oja's rule: alignment with the first principal component", "samples", "value", {}, {}, false};
        std::vector<double> cosv, normv;
        for (std::int64_t s = 0; s < samples; ++s) {
            if (s % every == 0) {
                curve.x.push_back(static_cast<double>(s));
                cosv.push_back(cosine());
                normv.push_back(W.row(0).norm());
            }
            const Eigen::VectorXd x = X.col(s);
            const Eigen::VectorXd y = W * x;
            oja.update(W, x, y);
        }
        curve.x.push_back(static_cast<double>(samples));
        cosv.push_back(cosine());
        normv.push_back(W.row(0).norm());
        curve.series = {{"cosine_with_pc1", cosv}, {"weight_norm", normv}};
        write_curve(file, curve);
        if (file) {
            std::vector<double> w(W.data(), W.data() + n), pc(pc1.data(), pc1.data() + n);
            file->write("/plastica/results/weights", w);
            file->write("/plastica/results/pc1", pc);
        }
        AnalysisResult r;
        r.title = "Oja's rule on " + std::to_string(n) + " correlated Gaussian inputs, " + std::to_string(samples) + " samples, eta " +
                  to_text(hp.eta);
        std::ostringstream os;
        os << std::fixed << std::setprecision(5);
        os << "  eigenvalues of the sample covariance (Eigen): largest " << eig.eigenvalues()[n - 1] << ", second "
           << eig.eigenvalues()[n - 2] << "\n";
        os << "  |cos(w, first principal component)|  " << cosv.front() << " at the start, " << cosv.back() << " at the end\n";
        os << "  |w|                                   " << normv.front() << " at the start, " << normv.back() << " at the end (Oja: 1)\n";
        r.analysis.text = os.str();
        r.analysis.json = {{"cosine", cosv.back()}, {"weight_norm", normv.back()}, {"cosine_curve", cosv}, {"samples", curve.x},
                           {"eigenvalues", std::vector<double>(eig.eigenvalues().data(), eig.eigenvalues().data() + n)}};
        return r;
    });
}

}  // namespace

Experiment oja_pca_experiment() {
    return {"oja_pca", "Oja's rule on correlated Gaussian inputs finds the first principal component (vs Eigen)", schema, {}, run, {}};
}

}  // namespace plastica
