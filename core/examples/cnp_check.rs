//! Checks Romanian CNPs read on stdin, one per line, with
//! [`medcover::identity::check_cnp`]; prints one line per input:
//! `valid`, or `invalid <problem>` where the problem is `format`,
//! `checksum`, `sex_century` or `birth_date` (no digits of the number).
//! Only the line break ends an input: spaces and other characters are
//! part of it.
//!
//! Used by the differential test against python-stdnum
//! (`bindings/python/tests/test_cnp_stdnum.py`):
//! `printf '2850312400014\n' | cargo run -q -p medcover --example cnp_check`

use medcover::identity::{check_cnp, IdProblem};
use std::io::{BufRead, BufWriter, Write};

fn main() -> std::io::Result<()> {
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in stdin.split(b'\n') {
        let line = line?;
        let answer = match std::str::from_utf8(&line) {
            Err(_) => "invalid format",
            Ok(text) => match check_cnp(text) {
                Ok(_) => "valid",
                Err(IdProblem::Format(_)) => "invalid format",
                Err(IdProblem::Checksum) => "invalid checksum",
                Err(IdProblem::SexCentury) => "invalid sex_century",
                Err(IdProblem::BirthDate) => "invalid birth_date",
                Err(_) => "invalid other",
            },
        };
        writeln!(out, "{answer}")?;
    }
    out.flush()
}
