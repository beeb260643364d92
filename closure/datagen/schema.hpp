// Names and units of the dataset schema (docs/dataset_schema.md), shared by
// the writer, the reader, the summary and the tests so that they cannot drift
// apart.
#pragma once

#include <array>

namespace ember::datagen {

// Bumped whenever a reader of the old layout would misread the new one.
inline constexpr int kSchemaVersion = 1;

struct DatasetName {
  const char* name;
  const char* unit;
};

// float32 [time][y][x], in the order of hydro::VoidSnapshot's members.
inline constexpr std::array<DatasetName, 6> kFields = {{
    {"temperature", "K"},
    {"pressure", "Pa"},
    {"void_fraction", "1"},
    {"progress", "1"},
    {"velocity_x", "m/s"},
    {"velocity_y", "m/s"},
}};

// float64 [time]: the snapshot times and the hotspot curves of
// metrics::HotspotSnapshot, appended with each snapshot.
inline constexpr std::array<DatasetName, 5> kCurves = {{
    {"time", "s"},
    {"hot_area_um2", "um^2"},
    {"hot_area_fraction", "1"},
    {"mean_hot_temperature_K", "K"},
    {"reacted_mass_fraction", "1"},
}};

// float64 [time]: forward-difference rates (metrics::hotspot_series), written
// when the run completes.
inline constexpr std::array<DatasetName, 2> kRates = {{
    {"hot_area_rate_um2_per_s", "um^2/s"},
    {"mean_hot_temperature_rate_K_per_s", "K/s"},
}};

inline constexpr const char* kRunsGroup = "/runs";

}  // namespace ember::datagen
