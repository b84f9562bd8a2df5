//! SPARQL queries from clients are evaluated in worker processes, so that a
//! time limit and a memory cap are real limits.
//!
//! Why processes. Oxigraph cancels a query when its evaluator next looks at
//! the cancellation token, and some plans never look: a three-way cross
//! product under COUNT, ORDER BY or GROUP BY ran on for minutes after its
//! client got the 503, at 2–3.7 GB, and eight of them (two per thread) held
//! every evaluation slot, so even `/api/queries` answered "busy". A thread
//! cannot be stopped from outside; a process can. So each query goes to a
//! worker process (`dipgraph __query-worker`, the same binary), and at the
//! deadline the server kills it (SIGKILL) and starts a fresh one. The worker
//! caps its own memory with `setrlimit(RLIMIT_DATA)` (`--query-memory`):
//! an allocation past the cap fails, the worker aborts, and the client gets
//! a 503 that names the cap instead of the machine swapping.
//!
//! What the workers read. RocksDB lets one process open a store for
//! writing, and the server (or `ingest --serve`) is that process. Oxigraph
//! 0.5 offers `Store::open_read_only` to others, but reading a directory
//! another process is writing is undefined behaviour there (RocksDB may
//! delete a table file the reader has not opened yet), and a read-only
//! opener never sees later writes; the secondary mode that catches up is not
//! exposed in 0.5. So the server writes a **snapshot**: a RocksDB checkpoint
//! (`Store::backup`) in `STORE/serve-snapshots/N`, hard links to the
//! store's immutable table files after a flush of what is in memory, which
//! workers open read-only. A new snapshot is taken when a query arrives and
//! the store has committed a write since the last one (the store counts its
//! commits: an ingest batch, re-derived events, an update), so queries
//! during `ingest --serve` see each batch once it is committed, and always
//! one whole committed state. A snapshot is removed when no worker has it
//! open any more; leftovers of a killed server are removed by the next
//! process that opens the store for writing.
//!
//! Measured on the 3,000-article corpus store (248k triples) on the
//! 2-core test machine, shared with other builds: a checkpoint takes 7 ms
//! on a quiet machine and up to 120 ms under load (it flushes and syncs);
//! a worker opens a snapshot in 12–50 ms and closes the older one (~20 ms)
//! after answering. So the first query after a write takes 0.1–0.2 s; the
//! others pay nothing measurable for the process boundary (the canned
//! queries as client queries: 280, 24 and 74 ms through a worker, 283, 26
//! and 74 ms in-process). An idle worker holds 22 MB resident and 76 MB of
//! the cap (RocksDB's threads' stacks and caches). Workers are started with
//! the server and replaced as soon as one is killed, so the next query does
//! not wait for a process to start, and run at a lower CPU priority
//! (nice 10) than the server, so its own routes get the CPU first.
//!
//! What is left in the server process: the explorer's JSON routes and the
//! canned queries (`/api/…`), whose text is ours and whose cost is bounded
//! by the store, run in-process on slots of their own, so no number of
//! SPARQL queries can make the explorer answer "busy"; static files and
//! `/api/queries` need no slot at all. Updates (only with the token) run
//! in-process too: they write, and only the server may.

use super::{Reply, text, timed_out};
use crate::store::{GraphStore, SNAPSHOTS_DIR, StoreError};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Why the query workers cannot start, or a worker stops.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error("serve needs a store on disk (its queries run in worker processes)")]
    NotOnDisk,
    #[error("cannot create {}: {source}", dir.display())]
    SnapshotDir {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot find the dipgraph binary to start query workers: {0}")]
    NoBinary(std::io::Error),
    #[error("cannot snapshot the store for the query workers: {0}")]
    Snapshot(StoreError),
    /// The task taking a snapshot panicked or was cancelled.
    #[error("taking a snapshot: {source}")]
    SnapshotTask { source: tokio::task::JoinError },
    #[error("cannot start a query worker ({}): {source}", exe.display())]
    Start {
        exe: PathBuf,
        source: std::io::Error,
    },
    /// The worker cannot arrange to die with the server.
    #[error("prctl(PR_SET_PDEATHSIG): {0}")]
    DeathSignal(rustix::io::Errno),
    #[error("setrlimit(RLIMIT_DATA, {memory_mb} MiB): {source}")]
    MemoryCap {
        memory_mb: u64,
        source: rustix::io::Errno,
    },
    #[error("reading a job: {0}")]
    ReadJob(std::io::Error),
    #[error("a bad job: {0}")]
    BadJob(serde_json::Error),
}
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The hidden subcommand that runs a worker.
pub const WORKER_COMMAND: &str = "__query-worker";

/// A worker's memory cap unless `--query-memory` says otherwise, in MiB.
pub const DEFAULT_QUERY_MEMORY_MB: u64 = 1024;

/// How much lower a worker's CPU priority is than the server's.
const WORKER_NICENESS: i32 = 10;

/// What the server asks a worker: one line of JSON on its stdin.
#[derive(Debug, Serialize, Deserialize)]
struct Job {
    /// The snapshot to read.
    snapshot: PathBuf,
    /// The query, parameters already bound and nesting checked.
    query: String,
    /// The client's Accept header.
    accept: String,
    max_rows: Option<usize>,
    /// For the message of a cancelled query (a worker is killed instead).
    timeout_ms: u64,
}

/// A worker's answer: one line of JSON on its stdout, then `len` bytes of
/// body.
#[derive(Debug, Serialize, Deserialize)]
struct Answer {
    status: u16,
    content_type: Option<String>,
    truncated: bool,
    len: usize,
}

/// A snapshot of the store, removed from disk when the last worker reading
/// it lets go (and the pool has a newer one).
#[derive(Debug)]
struct Snapshot {
    path: PathBuf,
    /// The store's write count when it was taken.
    generation: u64,
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Takes snapshots when the store has changed since the last one.
struct Snapshots {
    store: GraphStore,
    dir: PathBuf,
    current: Mutex<Option<Arc<Snapshot>>>,
    next: AtomicU64,
}

impl Snapshots {
    /// The current snapshot, taking one if the store committed a write
    /// since the last (blocking: a flush and a checkpoint).
    fn current(&self) -> Result<Arc<Snapshot>, WorkerError> {
        let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
        // Read before the checkpoint: a write committed meanwhile leaves
        // the snapshot older than the count, and the next query takes one.
        let generation = self.store.generation();
        if let Some(s) = current.as_ref().filter(|s| s.generation == generation) {
            return Ok(Arc::clone(s));
        }
        let path = self
            .dir
            .join(self.next.fetch_add(1, Ordering::Relaxed).to_string());
        // Made by the pool; made again if someone removed it meanwhile.
        std::fs::create_dir_all(&self.dir).map_err(|source| WorkerError::SnapshotDir {
            dir: self.dir.clone(),
            source,
        })?;
        if let Err(e) = self.store.snapshot(&path) {
            let _ = std::fs::remove_dir_all(&path);
            return Err(WorkerError::Snapshot(e));
        }
        let s = Arc::new(Snapshot { path, generation });
        *current = Some(Arc::clone(&s));
        Ok(s)
    }
}

/// A worker process and its pipes.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    /// The snapshot it has open (or was last sent), kept on disk meanwhile.
    snapshot: Option<Arc<Snapshot>>,
}

impl Worker {
    /// Sends a job and reads the answer.
    async fn exchange(&mut self, job: &[u8]) -> std::io::Result<Reply> {
        self.stdin.write_all(job).await?;
        self.stdin.flush().await?;
        let mut line = String::new();
        if self.stdout.read_line(&mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let answer: Answer = serde_json::from_str(&line).map_err(std::io::Error::other)?;
        let mut body = vec![0; answer.len];
        self.stdout.read_exact(&mut body).await?;
        let mut reply = Reply::new(answer.status, body);
        if let Some(t) = answer.content_type {
            reply = reply.with_header(("Content-Type", t));
        }
        if answer.truncated {
            reply = reply.with_header(("X-Dipgraph-Truncated", "true".into()));
        }
        Ok(reply)
    }
}

/// How the pool is set up.
#[derive(Debug, Clone)]
pub(super) struct PoolOptions {
    /// Queries evaluated at once, each in its own worker.
    pub workers: usize,
    /// A query's time limit, and the longest a query waits for a worker.
    pub timeout: Duration,
    /// A worker's memory cap (RLIMIT_DATA), MiB.
    pub memory_mb: u64,
    pub max_rows: Option<usize>,
}

/// The worker processes and the snapshots they read.
pub(super) struct Pool {
    opts: PoolOptions,
    exe: PathBuf,
    slots: Arc<Semaphore>,
    idle: Mutex<Vec<Worker>>,
    snapshots: Snapshots,
}

impl Pool {
    /// A pool over `store`, which must be on disk; no worker is started yet
    /// (see [`Pool::warm`]).
    pub(super) fn new(store: GraphStore, opts: PoolOptions) -> Result<Pool, WorkerError> {
        let dir = store
            .dir()
            .ok_or(WorkerError::NotOnDisk)?
            .join(SNAPSHOTS_DIR);
        // Left by a server of this store that was killed: this process owns
        // the store now, so nobody reads them.
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(source) = std::fs::create_dir_all(&dir) {
            return Err(WorkerError::SnapshotDir { dir, source });
        }
        // The running binary itself, even if a build or an upgrade has
        // replaced the file since: workers must speak the server's protocol.
        let proc_exe = Path::new("/proc/self/exe");
        let exe = if proc_exe.exists() {
            proc_exe.to_owned()
        } else {
            std::env::current_exe().map_err(WorkerError::NoBinary)?
        };
        Ok(Pool {
            slots: Arc::new(Semaphore::new(opts.workers.max(1))),
            opts,
            exe,
            idle: Mutex::new(Vec::new()),
            snapshots: Snapshots {
                store,
                dir,
                current: Mutex::new(None),
                next: AtomicU64::new(0),
            },
        })
    }

    /// Takes the first snapshot and starts every worker on it, so the first
    /// queries need not wait. An error means no worker can start.
    pub(super) async fn warm(self: &Arc<Self>) -> Result<(), WorkerError> {
        let snapshot = self.snapshot().await?;
        for _ in 0..self.opts.workers.max(1) {
            let w =
                self.spawn(Some(Arc::clone(&snapshot)))
                    .map_err(|source| WorkerError::Start {
                        exe: self.exe.clone(),
                        source,
                    })?;
            self.give_back(w);
        }
        Ok(())
    }

    /// Waits (at most the timeout) for one of the evaluation slots.
    pub(super) async fn slot(&self) -> Option<OwnedSemaphorePermit> {
        let waited =
            tokio::time::timeout(self.opts.timeout, Arc::clone(&self.slots).acquire_owned()).await;
        waited.ok().and_then(Result::ok)
    }

    /// Evaluates a query (limits checked, parameters bound) in a worker and
    /// answers as the client's `accept` asks; kills the worker at the
    /// timeout.
    pub(super) async fn query(self: &Arc<Self>, query: String, accept: String) -> Reply {
        let Some(_slot) = self.slot().await else {
            return super::busy();
        };
        let snapshot = match self.snapshot().await {
            Ok(s) => s,
            // The store's own reason, as the server has always said it.
            Err(WorkerError::Snapshot(e)) => {
                return text(500, format!("cannot snapshot the store: {e}"));
            }
            Err(e) => return text(500, format!("cannot snapshot the store: {e}")),
        };
        let mut worker = match self.take() {
            Some(w) => w,
            None => match self.spawn(None) {
                Ok(w) => w,
                Err(e) => return text(500, format!("cannot start a query worker: {e}")),
            },
        };
        let job = Job {
            snapshot: snapshot.path.clone(),
            query,
            accept,
            max_rows: self.opts.max_rows,
            timeout_ms: self.opts.timeout.as_millis().try_into().unwrap_or(u64::MAX),
        };
        let mut line = serde_json::to_vec(&job).expect("a job serialises");
        line.push(b'\n');
        // Held until the worker moves on to a newer one or dies.
        worker.snapshot = Some(snapshot);
        match tokio::time::timeout(self.opts.timeout, worker.exchange(&line)).await {
            Ok(Ok(reply)) => {
                self.give_back(worker);
                reply
            }
            Ok(Err(_)) => {
                // The worker ended without answering: over its memory cap
                // (an allocation failed and it aborted), or killed. (One
                // that broke the protocol but lives on is killed.)
                let status =
                    match tokio::time::timeout(Duration::from_secs(1), worker.child.wait()).await {
                        Ok(status) => status,
                        Err(_) => {
                            let _ = worker.child.kill().await;
                            Err(std::io::Error::other("it stopped answering"))
                        }
                    };
                drop(worker);
                self.replace();
                died(status, self.opts.memory_mb)
            }
            Err(_) => {
                let _ = worker.child.kill().await;
                drop(worker);
                self.replace();
                timed_out(self.opts.timeout)
            }
        }
    }

    async fn snapshot(self: &Arc<Self>) -> Result<Arc<Snapshot>, WorkerError> {
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || pool.snapshots.current())
            .await
            .unwrap_or_else(|source| Err(WorkerError::SnapshotTask { source }))
    }

    /// An idle worker that is still alive.
    fn take(&self) -> Option<Worker> {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        while let Some(mut w) = idle.pop() {
            if matches!(w.child.try_wait(), Ok(None)) {
                return Some(w);
            }
        }
        None
    }

    fn give_back(&self, w: Worker) {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        // More than one per slot are never needed (a replacement can race
        // with a worker started on demand); an extra one is killed on drop.
        if idle.len() < self.opts.workers.max(1) {
            idle.push(w);
        }
    }

    /// Starts a worker in place of one that was killed, in the background.
    fn replace(self: &Arc<Self>) {
        let pool = Arc::clone(self);
        tokio::spawn(async move {
            let current = pool
                .snapshots
                .current
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone();
            match pool.spawn(current) {
                Ok(w) => pool.give_back(w),
                Err(e) => eprintln!("dipgraph serve: cannot start a query worker: {e}"),
            }
        });
    }

    /// Starts a worker, opening `snapshot` ahead of its first job.
    ///
    /// Called on the runtime's threads, which live as long as the server:
    /// a worker's parent-death signal follows the thread that started it.
    fn spawn(&self, snapshot: Option<Arc<Snapshot>>) -> std::io::Result<Worker> {
        let mut cmd = Command::new(&self.exe);
        // `ps` shows the binary's path rather than /proc/self/exe.
        if let Ok(path) = std::env::current_exe() {
            cmd.arg0(path);
        }
        cmd.arg(WORKER_COMMAND)
            .arg("--memory-mb")
            .arg(self.opts.memory_mb.to_string())
            .arg("--server-pid")
            .arg(std::process::id().to_string())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .kill_on_drop(true);
        if let Some(s) = &snapshot {
            cmd.arg("--open").arg(&s.path);
        }
        let mut child = cmd.spawn()?;
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        Ok(Worker {
            child,
            stdin,
            stdout,
            snapshot,
        })
    }
}

/// The answer for a worker that ended without answering.
fn died(status: std::io::Result<std::process::ExitStatus>, memory_mb: u64) -> Reply {
    use std::os::unix::process::ExitStatusExt;
    match status {
        // SIGABRT: an allocation failed under the cap (Rust's allocation
        // error handler and C++'s bad_alloc both abort); SIGKILL not sent by
        // us: the kernel's out-of-memory killer.
        Ok(s) if matches!(s.signal(), Some(6 | 9)) => text(
            503,
            format!(
                "query stopped: it needed more memory than a query may use ({memory_mb} MiB, serve --query-memory)"
            ),
        ),
        Ok(s) => text(500, format!("the query worker failed ({s})")),
        Err(e) => text(500, format!("the query worker failed: {e}")),
    }
}

/// The worker: caps its memory, then answers jobs from stdin until it
/// closes. Stdout carries answers only.
pub fn run_worker(memory_mb: u64, server_pid: u32, open: Option<&Path>) -> Result<(), WorkerError> {
    use rustix::process::{Resource, Rlimit, Signal, getppid, setrlimit};
    // Die with the server even in the middle of a runaway query (EOF on
    // stdin would only be seen between jobs), and if the server is gone
    // already, do not start.
    // Named so in `top` (started as /proc/self/exe, it would show "exe").
    let _ = rustix::thread::set_name(c"dipgraph-query");
    rustix::process::set_parent_process_death_signal(Some(Signal::KILL))
        .map_err(WorkerError::DeathSignal)?;
    if getppid().map(|p| p.as_raw_nonzero().get()) != Some(server_pid as i32) {
        return Ok(());
    }
    // RLIMIT_DATA counts what a query allocates (heap, anonymous and
    // private writable mappings) and not the binary's mapped code or the
    // address space malloc reserves without using; RLIMIT_AS would.
    let bytes = memory_mb.saturating_mul(1 << 20);
    setrlimit(
        Resource::Data,
        Rlimit {
            current: Some(bytes),
            maximum: Some(bytes),
        },
    )
    .map_err(|source| WorkerError::MemoryCap { memory_mb, source })?;
    // Below the server's own work: on a busy machine the explorer's routes
    // and the HTTP threads get the CPU first, runaways what is left.
    let _ = rustix::process::nice(WORKER_NICENESS);
    let mut store: Option<(PathBuf, GraphStore)> = None;
    if let Some(path) = open {
        // A snapshot that cannot be opened now is reported with the first
        // job that needs it.
        if let Ok(s) = GraphStore::open_read_only(path) {
            store = Some((path.to_owned(), s));
        }
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut output = std::io::BufWriter::new(std::io::stdout().lock());
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line).map_err(WorkerError::ReadJob)? == 0 {
            return Ok(());
        }
        let job: Job = serde_json::from_str(&line).map_err(WorkerError::BadJob)?;
        let (reply, older) = answer(&mut store, &job);
        let content_type = reply
            .headers
            .iter()
            .find(|(k, _)| *k == "Content-Type")
            .map(|(_, v)| v.clone());
        let truncated = reply
            .headers
            .iter()
            .any(|(k, v)| *k == "X-Dipgraph-Truncated" && v == "true");
        let head = Answer {
            status: reply.status,
            content_type,
            truncated,
            len: reply.body.len(),
        };
        let write = |out: &mut std::io::BufWriter<_>| -> std::io::Result<()> {
            serde_json::to_writer(&mut *out, &head)?;
            out.write_all(b"\n")?;
            out.write_all(&reply.body)?;
            out.flush()
        };
        // The server went away: nobody to answer.
        if write(&mut output).is_err() {
            return Ok(());
        }
        // Closed once the answer is out: the server removes the snapshot
        // when no worker holds it.
        drop(older);
    }
}

/// Evaluates one job, opening its snapshot if it is not the one open.
/// Returns the answer and the store it replaced, to be closed after the
/// answer is sent (closing takes ~20 ms).
fn answer(store: &mut Option<(PathBuf, GraphStore)>, job: &Job) -> (Reply, Option<GraphStore>) {
    let mut older = None;
    if store.as_ref().is_none_or(|(p, _)| *p != job.snapshot) {
        older = store.take().map(|(_, s)| s);
        match GraphStore::open_read_only(&job.snapshot) {
            Ok(s) => *store = Some((job.snapshot.clone(), s)),
            Err(e) => {
                let reply = text(500, format!("cannot open the store's snapshot: {e}"));
                return (reply, older);
            }
        }
    }
    let (_, s) = store.as_ref().expect("opened above");
    let reply = match super::evaluate(
        s,
        crate::store::evaluator(),
        &job.accept,
        &job.query,
        &[],
        job.max_rows,
        Duration::from_millis(job.timeout_ms),
    ) {
        Ok(r) | Err(r) => r,
    };
    (reply, older)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Backend;

    #[cfg(feature = "rocksdb")]
    #[test]
    fn snapshots_follow_writes_and_are_removed_when_let_go() {
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(&dir.path().join("store")).unwrap();
        let snapshots = Snapshots {
            store: store.clone(),
            dir: dir.path().join("store").join(SNAPSHOTS_DIR),
            current: Mutex::new(None),
            next: AtomicU64::new(0),
        };
        let first = snapshots.current().unwrap();
        // No write since: the same snapshot.
        assert!(Arc::ptr_eq(&first, &snapshots.current().unwrap()));
        store
            .update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
            .unwrap();
        let second = snapshots.current().unwrap();
        assert_ne!(first.path, second.path);
        let ask = |path: &Path| {
            let s = GraphStore::open_read_only(path).unwrap();
            matches!(
                s.query("ASK { <urn:a> <urn:b> <urn:c> }", &[]).unwrap(),
                oxigraph::sparql::QueryResults::Boolean(true)
            )
        };
        assert!(!ask(&first.path), "the older snapshot is as it was");
        assert!(ask(&second.path), "the newer one holds the write");
        // The pool let go of the first one: it is removed with its last holder.
        let path = first.path.clone();
        drop(first);
        assert!(!path.exists());
        assert!(second.path.exists());
        // A server killed with snapshots on disk: the next writer removes them.
        let kept = second.path.clone();
        std::mem::forget(second);
        drop(snapshots);
        drop(store);
        assert!(kept.exists());
        let _store = GraphStore::open(&dir.path().join("store")).unwrap();
        assert!(!dir.path().join("store").join(SNAPSHOTS_DIR).exists());
    }

    #[test]
    fn a_worker_that_aborted_is_reported_over_its_memory_cap() {
        use std::os::unix::process::ExitStatusExt;
        let status = |raw| Ok(std::process::ExitStatus::from_raw(raw));
        // Killed by SIGABRT (a failed allocation) or SIGKILL (the kernel).
        for raw in [6, 9] {
            let r = died(status(raw), 300);
            assert_eq!(r.status, 503);
            assert!(String::from_utf8_lossy(&r.body).contains("300 MiB"));
        }
        // Exit status 1: a failure, not the cap.
        assert_eq!(died(status(1 << 8), 300).status, 500);
    }
}
