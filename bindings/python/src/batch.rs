//! `RuleSet.evaluate_many`: many requests on several threads.
//!
//! A batch is three kinds of work, overlapped. Reading the requests needs
//! the GIL: a `str` is read in place (no copy; the strings stay referenced
//! until the batch ends), a mapping is written as JSON text, which for dicts
//! is most of a request's time. Deciding needs no GIL. Turning decisions
//! into Python objects needs the GIL again and keeps the order. So the
//! calling thread reads the requests a block at a time, and worker threads
//! decide each block as soon as it is read, while the calling thread goes on
//! reading and, between blocks, wraps the finished ones in order. Once every
//! request is read it decides blocks itself too: `threads` threads in all,
//! the calling one among them. (Its own decisions are also freed on the
//! thread that allocated them when Python drops them, which costs half as
//! much as freeing a worker's.)

use crate::convert::{self, Options};
use crate::errors::{self, Failure};
use crate::ruleset::{read_input, InputText};
use crate::types::PyDecision;
use medcover::{Decision, EvaluateOptions, RuleBook};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex, OnceLock};

/// Requests read, or decided, at a time.
const BLOCK: usize = 64;

/// The outcome of one request in the engine.
pub(crate) type Outcome = Result<Decision, Failure>;

/// A block of decided requests: where it starts and one outcome per request
/// (`None` for a request that could not be read).
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

/// One request as read.
enum Text<'t> {
    /// The text of a Python `str`, in place.
    Borrowed(&'t str),
    /// JSON text written from `bytes` or a mapping.
    Owned(String),
    /// Could not be read: the calling thread holds its exception.
    Unread,
}

impl Text<'_> {
    fn as_str(&self) -> Option<&str> {
        match self {
            Text::Borrowed(text) => Some(text),
            Text::Owned(text) => Some(text),
            Text::Unread => None,
        }
    }
}

/// What the threads of one batch share.
struct Batch<'t> {
    /// How many requests there are.
    len: usize,
    /// One slot per block of [`BLOCK`] requests, set once, by the calling
    /// thread, as it reads them.
    blocks: Vec<OnceLock<Vec<Text<'t>>>>,
    /// How many of the first requests are read (their blocks set).
    read: Mutex<usize>,
    /// Signalled when `read` grows, or when the batch stops.
    more_read: Condvar,
    /// The start of the next block not yet taken.
    next: AtomicUsize,
    /// Set when the batch fails: no more blocks are taken.
    stop: AtomicBool,
    book: &'t RuleBook,
    options: EvaluateOptions,
}

impl Batch<'_> {
    /// The next block not yet taken, decided (once it is read); `None` when
    /// none is left or the batch stopped.
    fn take_block(&self) -> Option<Block> {
        let start = self.next.fetch_add(BLOCK, Ordering::Relaxed);
        if start >= self.len || self.stop.load(Ordering::Relaxed) {
            return None;
        }
        self.wait_until_read((start + BLOCK).min(self.len))?;
        let texts = self.blocks.get(start / BLOCK)?.get()?;
        let block = texts.iter().map(|text| {
            let text = text.as_str()?;
            Some(evaluate_text(self.book, text, self.options))
        });
        Some((start, block.collect()))
    }

    /// Waits until the first `end` requests are read; `None` if the batch
    /// stopped first.
    fn wait_until_read(&self, end: usize) -> Option<()> {
        let mut read = self.read.lock().ok()?;
        while *read < end {
            if self.stop.load(Ordering::Relaxed) {
                return None;
            }
            read = self.more_read.wait(read).ok()?;
        }
        Some(())
    }

    /// Records that the first `read` requests are read.
    fn publish(&self, read: usize) {
        if let Ok(mut shared) = self.read.lock() {
            *shared = read;
        }
        self.more_read.notify_all();
    }

    /// Stops the batch: blocks not yet taken stay undecided.
    fn halt(&self) {
        self.stop.store(true, Ordering::Relaxed);
        // Taking the lock orders the flag before any waiter's next check.
        drop(self.read.lock());
        self.more_read.notify_all();
    }
}

/// Reads request `index`; an unreadable one leaves its
/// exception object in `unread`.
fn read_one<'t, 'py>(
    py: Python<'py>,
    input: &'t Bound<'py, PyAny>,
    index: usize,
    convert: Options,
    unread: &mut BTreeMap<usize, Bound<'py, PyAny>>,
) -> PyResult<Text<'t>> {
    if let Ok(Ok(text)) = input.cast::<PyString>().map(|s| s.to_str()) {
        return Ok(Text::Borrowed(text));
    }
    // Anything else, and a `str` that is not UTF-8 (refused there, by name).
    let exception = match read_input(input, convert, "a request") {
        Ok(InputText::Owned(text)) => return Ok(Text::Owned(text)),
        Ok(InputText::Str(s)) => return Ok(Text::Owned(s.to_str()?.to_owned())),
        Err(convert::Failure::Python(e)) => e.into_value(py).into_bound(py).into_any(),
        Err(convert::Failure::Input(e)) => {
            errors::failure_object(py, &Failure::Convert(e), Some(index))?
        }
    };
    unread.insert(index, exception);
    Ok(Text::Unread)
}

/// Evaluates every request of `requests` (any iterable) on `threads`
/// threads and returns one item per request, in order: a `Decision` or the
/// exception object of the request that failed.
pub(crate) fn evaluate_many<'py>(
    py: Python<'py>,
    book: &RuleBook,
    requests: &Bound<'py, PyAny>,
    options: EvaluateOptions,
    convert: Options,
    threads: usize,
) -> PyResult<Bound<'py, PyList>> {
    let inputs = requests.try_iter()?.collect::<PyResult<Vec<_>>>()?;
    let n = inputs.len();
    let batch = Batch {
        len: n,
        blocks: (0..n.div_ceil(BLOCK)).map(|_| OnceLock::new()).collect(),
        read: Mutex::new(0),
        more_read: Condvar::new(),
        next: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
        book,
        options,
    };
    let mut unread = BTreeMap::new();
    // Reads the block from `from`; returns where the next one starts.
    let read_block = |from: usize, unread: &mut BTreeMap<_, _>| -> PyResult<usize> {
        let to = (from + BLOCK).min(n);
        let block = inputs.get(from..to).unwrap_or(&[]);
        let mut texts = Vec::with_capacity(block.len());
        for (k, input) in block.iter().enumerate() {
            texts.push(read_one(py, input, from + k, convert, unread)?);
        }
        if let Some(slot) = batch.blocks.get(from / BLOCK) {
            let _ = slot.set(texts);
        }
        Ok(to)
    };
    let out = PyList::empty(py);
    let wrap = |start: usize, block: Vec<Option<Outcome>>, unread: &BTreeMap<_, _>| {
        for (k, outcome) in block.into_iter().enumerate() {
            let i = start + k;
            let object = match outcome {
                Some(Ok(inner)) => Bound::new(py, PyDecision { inner })?.into_any(),
                Some(Err(f)) => errors::failure_object(py, &f, Some(i))?,
                None => match unread.get(&i) {
                    Some(e) => Bound::clone(e),
                    None => errors::failure_object(py, &Failure::Panic, Some(i))?,
                },
            };
            out.append(object)?;
        }
        PyResult::Ok(())
    };
    if n <= BLOCK || threads == 1 {
        let mut read = 0;
        while read < n {
            read = read_block(read, &mut unread)?;
            batch.publish(read);
            let block = py.detach(|| batch.take_block());
            if let Some((start, block)) = block {
                wrap(start, block, &unread)?;
                py.check_signals()?;
            }
        }
        return Ok(out);
    }
    let (done, finished) = mpsc::channel::<Block>();
    std::thread::scope(|scope| -> PyResult<()> {
        // `threads - 1` workers; the calling thread is the last one. A
        // worker that cannot start leaves its blocks to the others.
        for _ in 1..threads {
            let done = done.clone();
            let batch = &batch;
            let _ = std::thread::Builder::new()
                .name("medcover-batch".into())
                .spawn_scoped(scope, move || {
                    while let Some(block) = batch.take_block() {
                        if done.send(block).is_err() {
                            break;
                        }
                    }
                });
        }
        drop(done);
        // In order of preference: wrap the next finished block, read the
        // next block, decide a block without the GIL, wait for a worker's.
        let mut waiting: BTreeMap<usize, Vec<Option<Outcome>>> = BTreeMap::new();
        let mut finished = Some(finished);
        let (mut expected, mut read) = (0, 0);
        let result = loop {
            if expected >= n {
                break Ok(());
            }
            if let Some(block) = waiting.remove(&expected) {
                let len = block.len();
                if let Err(e) = wrap(expected, block, &unread).and_then(|()| py.check_signals()) {
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
            if read < n {
                match read_block(read, &mut unread) {
                    Ok(to) => read = to,
                    Err(e) => break Err(e),
                }
                batch.publish(read);
                finished = Some(rx);
                continue;
            }
            if let Some((start, block)) = py.detach(|| batch.take_block()) {
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
        batch.halt();
        result
    })?;
    Ok(out)
}
