// Config: TOML files and --set overrides against a documented schema; every mistake names itself.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>

#include "sim/config.hpp"

using namespace plastica;

namespace {
Config make() {
    return Config({ParamSpec::number("tau_m", 20, "ms", "membrane time constant").positive(),
                   ParamSpec::integer("n", 10, "", "size").at_least(1),
                   ParamSpec::text("model", "coba", {"coba", "cuba"}, "which"),
                   ParamSpec::boolean("record.spikes", true, "record"),
                   ParamSpec::dist("exc.v_init", Distribution::constant(-65), "mV", "initial v")},
                  "test");
}
}  // namespace

TEST_CASE("config: TOML tables map to dotted keys, --set overrides", "[sim][config]") {
    Config c = make();
    c.load_text("tau_m = 10\nn = 3\n[record]\nspikes = false\n[exc]\nv_init = { dist = \"normal\", mean = -60, sd = 2, min = -70 }\n", "a.toml");
    CHECK(c.number("tau_m") == 10);
    CHECK(c.integer("n") == 3);
    CHECK(!c.boolean("record.spikes"));
    CHECK(c.dist("exc.v_init").kind == Distribution::Kind::normal);
    CHECK(c.dist("exc.v_init").min == -70);
    CHECK(c.origin("tau_m") == "a.toml:1");
    c.set("model=cuba");
    c.set("tau_m = 5");
    c.set("exc.v_init={dist=\"uniform\", low=-60, high=-50}");
    CHECK(c.text("model") == "cuba");
    CHECK(c.number("tau_m") == 5);
    CHECK(c.origin("tau_m") == "--set");
    CHECK(c.dist("exc.v_init").b == -50);
    CHECK(c.to_toml().find("tau_m = 5") != std::string::npos);
}

TEST_CASE("config: errors name the key, the value and the file position", "[sim][config][errors]") {
    Config c = make();
    CHECK_THROWS_WITH(c.load_text("tau_m = 10\n\ntau_mm = 3\n", "x.toml"), Catch::StartsWith("x.toml:3: tau_mm") && Catch::Contains("unknown key"));
    CHECK_THROWS_WITH(c.load_text("tau_m = -1\n", "x.toml"), Catch::StartsWith("x.toml:1: tau_m = -1: must be > 0"));
    CHECK_THROWS_WITH(c.load_text("tau_m = 0\n", "x.toml"), Catch::Contains("must be > 0"));
    CHECK_THROWS_WITH(c.load_text("tau_m = nan\n", "x.toml"), Catch::Contains("tau_m = nan") && Catch::Contains("finite"));
    CHECK_THROWS_WITH(c.load_text("tau_m = inf\n", "x.toml"), Catch::Contains("finite"));
    CHECK_THROWS_WITH(c.load_text("n = 1.5\n", "x.toml"), Catch::Contains("n = 1.5: must be an integer"));
    CHECK_THROWS_WITH(c.load_text("tau_m = \"fast\"\n", "x.toml"), Catch::Contains("must be a number"));
    CHECK_THROWS_WITH(c.load_text("model = \"hh\"\n", "x.toml"), Catch::Contains("model = \"hh\": unknown choice"));
    CHECK_THROWS_WITH(c.load_text("tau_m = = 3\n", "bad.toml"), Catch::StartsWith("bad.toml:1: malformed TOML"));
    CHECK_THROWS_WITH(c.load_text("[exc]\nv_init = { dist = \"gamma\", k = 1 }\n", "x.toml"), Catch::Contains("x.toml:2: exc.v_init.dist"));
    CHECK_THROWS_WITH(c.load_text("[exc]\nv_init = { dist = \"normal\", mean = 1, sd = -2 }\n", "x.toml"), Catch::Contains("sd = -2"));
    CHECK_THROWS_WITH(c.load_text("[exc]\nv_init = { dist = \"normal\", mean = 1, sd = 2, sdd = 1 }\n", "x.toml"), Catch::Contains("exc.v_init.sdd"));
    CHECK_THROWS_WITH(c.set("tau_mm=3"), Catch::StartsWith("--set: tau_mm") && Catch::Contains("unknown key"));
    CHECK_THROWS_WITH(c.set("tau_m"), Catch::Contains("expected key=value"));
    CHECK_THROWS_WITH(c.set("tau_m=abc"), Catch::Contains("tau_m = abc: is not a valid value"));
    CHECK_THROWS_WITH(c.load_file("/nonexistent/dir/c.toml"), Catch::Contains("/nonexistent/dir/c.toml") && Catch::Contains("cannot read"));
}

TEST_CASE("config: an unreadable or binary file is a clear error", "[sim][config][errors]") {
    const std::string path = "plastica_test_binary.toml";
    {
        std::ofstream f(path, std::ios::binary);
        f << std::string("\x00\x01\xff\xfe garbage", 12);
    }
    Config c = make();
    CHECK_THROWS_WITH(c.load_file(path), Catch::StartsWith(path + ":") && Catch::Contains("malformed TOML"));
    std::remove(path.c_str());
}
