//! Reading survey files of each layout and encoding, in memory.
