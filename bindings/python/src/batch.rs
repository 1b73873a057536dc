//! `RuleSet.evaluate_many`: many requests on several threads.
//!
//! The requests' JSON text is read in place from the Python strings (no
//! copy; the strings stay referenced until the batch ends). Worker threads
//! parse and decide blocks of requests without the GIL while the calling
//! thread turns finished blocks, in order, into Python objects and, between
//! them, decides blocks itself: `threads` threads in all, the calling one
//! among them. (Its own decisions are also freed on the thread that
//! allocated them when Python drops them, which costs half as much as
//! freeing a worker's.)

use crate::convert::{self, Options};
use crate::errors::{self, Failure};
use crate::ruleset::{read_input, InputText};
use crate::types::PyDecision;
use medcover::{Decision, EvaluateOptions, RuleBook};
use pyo3::prelude::*;
use pyo3::types::PyList;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// Requests a worker takes at a time.
const BLOCK: usize = 64;

/// The outcome of one request in the engine.
pub(crate) type Outcome = Result<Decision, Failure>;

/// A block of decided requests: where it starts and one outcome per request.
type Block = (usize, Vec<Option<Outcome>>);

/// Parses and decides one request; a panic becomes [`Failure::Panic`].
pub(crate) fn evaluate_text(book: &RuleBook, text: &str, options: EvaluateOptions) -> Outcome {
    let result = crate::ruleset::guarded(|| {
        let request = medcover::parse_request(text)?;
        book.evaluate_with(&request, options)
    });
    match result {
        Some(Ok(decision)) => Ok(decision),
        Some(Err(e)) => Err(Failure::Request(e)),
        None => Err(Failure::Panic),
    }
}

/// One item of the batch as read from Python.
enum Item<'py> {
    /// Its JSON text.
    Read(InputText<'py>),
    /// Could not be read: the exception object to return for it.
    Failed(Bound<'py, PyAny>),
}

/// Reads the items of `requests` (any iterable).
fn read_items<'py>(requests: &Bound<'py, PyAny>, options: Options) -> PyResult<Vec<Item<'py>>> {
    let py = requests.py();
    let mut items = Vec::with_capacity(requests.len().unwrap_or(0));
    for item in requests.try_iter()? {
        let index = items.len();
        let read = match read_input(&item?, options, "a request") {
            Ok(text) => Item::Read(text),
            Err(convert::Failure::Python(e)) => {
                Item::Failed(e.into_value(py).into_bound(py).into_any())
            }
            Err(convert::Failure::Input(e)) => Item::Failed(errors::failure_object(
                py,
                &Failure::Convert(e),
                Some(index),
            )?),
        };
        items.push(read);
    }
    Ok(items)
}

/// Evaluates every request of `requests` on `threads` worker threads and
/// returns one item per request, in order: a `Decision` or the exception
/// object of the request that failed.
pub(crate) fn evaluate_many<'py>(
    py: Python<'py>,
    book: &RuleBook,
    requests: &Bound<'py, PyAny>,
    options: EvaluateOptions,
    convert: Options,
    threads: usize,
) -> PyResult<Bound<'py, PyList>> {
    let items = read_items(requests, convert)?;
    let texts: Vec<Option<&str>> = items
        .iter()
        .map(|item| match item {
            Item::Read(text) => Some(text.as_str()),
            Item::Failed(_) => None,
        })
        .collect();
    let out = PyList::empty(py);
    let wrap = |start: usize, block: Vec<Option<Outcome>>| -> PyResult<()> {
        for (k, outcome) in block.into_iter().enumerate() {
            let i = start + k;
            let object = match outcome {
                Some(Ok(inner)) => Bound::new(py, PyDecision { inner })?.into_any(),
                Some(Err(f)) => errors::failure_object(py, &f, Some(i))?,
                None => match items.get(i) {
                    Some(Item::Failed(e)) => e.clone(),
                    _ => errors::failure_object(py, &Failure::Panic, Some(i))?,
                },
            };
            out.append(object)?;
        }
        Ok(())
    };
    let one = |text: &Option<&str>| text.map(|t| evaluate_text(book, t, options));
    if texts.len() <= BLOCK {
        let block = py.detach(|| texts.iter().map(one).collect());
        wrap(0, block)?;
        return Ok(out);
    }
    let n = texts.len();
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // The next block not yet taken, decided; `None` when none is left.
    let take_block = || -> Option<Block> {
        let start = next.fetch_add(BLOCK, Ordering::Relaxed);
        if start >= n || stop.load(Ordering::Relaxed) {
            return None;
        }
        let block = texts.get(start..(start + BLOCK).min(n)).unwrap_or(&[]);
        Some((start, block.iter().map(one).collect()))
    };
    let (done, finished) = mpsc::channel::<Block>();
    std::thread::scope(|scope| -> PyResult<()> {
        // `threads - 1` workers; the calling thread is the last one. A
        // worker that cannot start leaves its blocks to the others.
        for _ in 1..threads {
            let done = done.clone();
            let take_block = &take_block;
            let _ = std::thread::Builder::new()
                .name("medcover-batch".into())
                .spawn_scoped(scope, move || {
                    while let Some(block) = take_block() {
                        if done.send(block).is_err() {
                            break;
                        }
                    }
                });
        }
        drop(done);
        // Wrap finished blocks in order; between them, decide a block
        // without the GIL, or wait for the workers' when none is left.
        let mut waiting: BTreeMap<usize, Vec<Option<Outcome>>> = BTreeMap::new();
        let mut finished = Some(finished);
        let mut expected = 0;
        let result = loop {
            if expected >= n {
                break Ok(());
            }
            if let Some(block) = waiting.remove(&expected) {
                let len = block.len();
                if let Err(e) = wrap(expected, block).and_then(|()| py.check_signals()) {
                    break Err(e);
                }
                expected += len;
                continue;
            }
            let Some(rx) = finished.take() else {
                break Ok(());
            };
            if let Ok((start, block)) = rx.try_recv() {
                waiting.insert(start, block);
                finished = Some(rx);
                continue;
            }
            if let Some((start, block)) = py.detach(take_block) {
                waiting.insert(start, block);
                finished = Some(rx);
                continue;
            }
            let (rx, received) = py.detach(move || {
                let received = rx.recv();
                (rx, received)
            });
            match received {
                Ok((start, block)) => {
                    waiting.insert(start, block);
                    finished = Some(rx);
                }
                // Every block was taken and every worker is gone, yet some
                // never arrived: cannot happen, since a worker sends every
                // block it takes (panics are caught per request).
                Err(_) => break Err(errors::failure_err(py, &Failure::Panic)),
            }
        };
        stop.store(true, Ordering::Relaxed);
        result
    })?;
    Ok(out)
}
