//! One module per subcommand.

pub mod check;
pub mod evaluate;
pub mod report;
pub mod schema;
pub mod test;
pub mod text;
