//! One module per subcommand.

pub mod check;
pub mod evaluate;
pub mod test;
pub mod text;
