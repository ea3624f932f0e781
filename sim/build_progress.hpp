#pragma once
// BuildProgress — lets whoever builds a network through an experiment hear about each projection
// as it is built (a large network takes minutes: the user should see it move). An object of this
// class, alive on the building thread, receives Network::connect's reports; without one nothing is
// reported. It is scoped to the thread and the object's lifetime, not a global simulation object:
// two networks built on two threads report to their own listeners.
#include <cstdint>
#include <functional>
#include <string>

namespace plastica {

class BuildProgress {
public:
    /// projection name, its synapses, seconds it took
    using Callback = std::function<void(const std::string& projection, std::uint64_t synapses, double seconds)>;
    explicit BuildProgress(Callback cb) : cb_(std::move(cb)), outer_(current()) { current() = this; }
    ~BuildProgress() { current() = outer_; }
    BuildProgress(const BuildProgress&) = delete;
    BuildProgress& operator=(const BuildProgress&) = delete;

    /// Called by Network::connect after each projection.
    static void report(const std::string& projection, std::uint64_t synapses, double seconds) {
        if (BuildProgress* p = current()) p->cb_(projection, synapses, seconds);
    }

private:
    static BuildProgress*& current() {
        thread_local BuildProgress* p = nullptr;
        return p;
    }
    Callback cb_;
    BuildProgress* outer_;
};

}  // namespace plastica
