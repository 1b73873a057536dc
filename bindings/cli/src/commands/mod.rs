//! One module per subcommand.

pub mod check;
pub mod evaluate;
pub mod helpdesk;
pub mod providers;
pub mod report;
pub mod route;
pub mod schema;
pub mod test;
pub mod text;
