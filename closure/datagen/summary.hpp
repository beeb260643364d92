// The readable summary of a dataset file that `ember-datagen summary` prints.
#pragma once

#include <filesystem>
#include <iosfwd>

namespace ember::datagen {

// The file's root attributes, then one line per run: shock pressure,
// porosity, void count, grid, snapshots written/planned, peak T_hs over the
// snapshots ("-" if nothing was ever hot), final A_hs, final reacted mass
// fraction, and whether the run is complete. Throws as DatasetReader does.
void write_summary(std::ostream& out, const std::filesystem::path& file);

}  // namespace ember::datagen
