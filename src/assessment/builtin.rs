//! The assessments shipped inside the binary, so `plead` works with no files around it.

/// (file name, text) of each built-in assessment, in the order `plead list` shows them.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "building-blocks.toml",
        include_str!("../../assessments/building-blocks.toml"),
    ),
    (
        "role-model.toml",
        include_str!("../../assessments/role-model.toml"),
    ),
    (
        "connection.toml",
        include_str!("../../assessments/connection.toml"),
    ),
    (
        "forty-ways.toml",
        include_str!("../../assessments/forty-ways.toml"),
    ),
    (
        "leader-attributes.toml",
        include_str!("../../assessments/leader-attributes.toml"),
    ),
    (
        "culture.toml",
        include_str!("../../assessments/culture.toml"),
    ),
    (
        "involvement.toml",
        include_str!("../../assessments/involvement.toml"),
    ),
];
