#pragma once
// Network files: a NetworkSpec (sim/network_spec.hpp) written as TOML, so a scientist runs a
// network of their own with `plastica run network --set network=file.toml` (no C++). The format,
// with every key optional unless marked:
//
//   [[population]]
//   name = "exc"                       # required, unique
//   model = "lif_cond_exp"             # required: a model of `plastica models`, poisson_source, gamma_source
//                                      #   (rate, params = { shape = 3, start = 0, stop = 1000 }) or spike_source_array
//   size = 3200                        # required except for spike_source_array
//   params = { g_l = 10, v_th = -50 }  # a number for all neurons, or an array of one per neuron
//   initial = { v = { dist = "normal", mean = -65, sd = 5 }, g_exc = 0 }   # number, distribution or array
//   drive = [{ rate = 20000, weight = 0.1, receptor = "exc" }]   # Poisson input without synapses (Hz per neuron)
//   rate = 20                          # poisson_source: Hz, a number or one per neuron
//   rate_changes = [{ at = 500, rate = 40 }]   # poisson_source: from `at` (ms) on
//   spike_times = [[10, 20.5], [15]]  # spike_source_array: ms, one list per neuron
//   bins = [{ at = 0, shape = 4, rate = 10 }, { at = 500, shape = 2, rate = 30 }]
//                                      # inh_gamma_source: from `at` (ms) on, gamma shape and rate (Hz);
//                                      #   params = { start, stop }
//
//   [[projection]]
//   pre = "exc"                        # required
//   post = "inh"                       # required
//   name = "exc->inh"                  # default "pre->post"
//   pre_neurons = { start = 0, stop = 400 }   # views: the neurons the rule connects among, an
//   post_neurons = [0, 2, 4]           #   array or a slice { start, stop, step }; default all
//   connect = "fixed_probability"      # all_to_all (default), one_to_one, fixed_probability (p),
//   p = 0.02                           #   fixed_indegree / fixed_outdegree (k), pairs (pairs)
//   autapses = true                    # self-connections when pre = post (default true)
//   multapses = true                   # repeated pairs for fixed_indegree / fixed_outdegree
//   pairs = [[0, 1], [3, 2]]           # connect = "pairs": explicit (pre, post) indices
//   weight = 6                         # number or distribution; with pairs also one per pair
//   delay = 0.1                        # ms, the same forms as weight
//   receptor = "exc"                   # exc or inh
//   plasticity = [{ rule = "stdp", a_plus = 0.01 }]   # rules of `plastica rules`, with parameters
//
//   [[current]]                        # an electrode (sim/current_source.hpp), currents in pA
//   population = "exc"                 # required
//   kind = "dc"                        # dc (amplitude, start, stop), step (times, amplitudes),
//   amplitude = 200                    #   ac (amplitude, offset, frequency, phase, start, stop) or
//   start = 100                        #   noise (mean, stdev, interval, start, stop); times in ms
//   neurons = [0, 1]                   # default: every neuron
//
//   [[assembly]]                       # a union of populations and views (PyNN's Assembly), usable
//   name = "all"                       #   as pre, post and in [record]; resolved when parsed
//   members = ["exc", { population = "inh", neurons = { stop = 50 } }]
//
//   [record]
//   spikes = ["exc", "inh"]            # populations whose spikes go to the run file
//   state = [{ population = "exc", variable = "v", neurons = [0, 1], interval = 0.1 }]
//   weights = [{ projection = "in->exc", interval = 1000 }]   # weight snapshots (ms)
//
// Every unknown key, wrong type, unknown model, parameter or rule is an Error naming the key, the
// value as written and the file and line; errors found while building (a parameter out of range)
// carry the line of their population or projection.
#include <string>

#include "sim/network_spec.hpp"

namespace plastica {

/// Parses network TOML; `origin` (a file name) prefixes every error. dt and seed stay at their
/// defaults: the run's config sets them. Assemblies come back resolved (resolve_assemblies).
NetworkSpec parse_network(const std::string& text, const std::string& origin);
/// Reads and parses a network file; an unreadable file is an Error naming it.
NetworkSpec read_network_file(const std::string& path);

}  // namespace plastica
