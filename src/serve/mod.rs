//! A SPARQL 1.1 Protocol endpoint over the store, so that YASGUI,
//! rdflib/SPARQLWrapper and curl can query the graph.
//!
//! `GET /sparql?query=…`, `POST /sparql` with a form (`query=` or
//! `update=`) or a direct `application/sparql-query` /
//! `application/sparql-update` body; `/query` and `/update` are aliases.
//! Results are negotiated from `Accept` (SPARQL JSON/XML/CSV/TSV; Turtle,
//! N-Triples, RDF/XML, N-Quads, JSON-LD for graphs), and say so with
//! `Vary: Accept`. `GET /sparql` without a query answers the SPARQL 1.1
//! Service Description ([`description`]), `GET /store?default` or
//! `?graph=IRI` a graph (the Graph Store Protocol, read-only). CORS is open
//! (tower-http's, so browser tools work: preflights, any request header,
//! our own response headers exposed). Updates are refused unless the
//! server was started with a token and the request carries it as
//! `Authorization: Bearer TOKEN`.
//!
//! `/` serves the web explorer ([`assets`]) and `/api/…` its JSON routes
//! ([`api`]).
//!
//! Where a request is evaluated ([`Route`]): a client's SPARQL query in a
//! worker process that is killed at the timeout and capped in memory
//! ([`workers`]), at most `--workers` at once; the explorer's routes and
//! canned queries (our own text, cost bounded by the store) in this process
//! on `--threads` slots of their own; files and the list of canned queries
//! at once. So SPARQL clients, however many and however slow their
//! queries, cannot make the explorer answer "busy".

mod actor_index;
mod api;
pub mod assets;
pub mod description;
mod panels;
mod period;
pub mod workers;

use crate::store::{Backend, GraphStore, StoreError};
use axum::http::{HeaderMap, Method};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults};
use std::sync::Arc;
use std::time::Duration;

/// Why the endpoint cannot start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {bind}: {source}")]
    Listen {
        bind: String,
        source: std::io::Error,
    },
    #[error("cannot start the HTTP runtime: {0}")]
    Runtime(std::io::Error),
    #[error(transparent)]
    Workers(#[from] workers::WorkerError),
}

/// Requests larger than this are refused (413).
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: String,
    /// Updates are accepted only with this bearer token.
    pub update_token: Option<String>,
    pub timeout: Duration,
    pub max_rows: Option<usize>,
    /// HTTP threads, and the explorer's routes evaluated at once.
    pub threads: usize,
    /// Client queries evaluated at once, each in a worker process.
    pub workers: usize,
    /// A query worker's memory cap, MiB.
    pub query_memory_mb: u64,
}

/// A running endpoint: its address and worker threads.
pub struct Endpoint {
    pub addr: String,
    workers: Vec<std::thread::JoinHandle<()>>,
}

impl Endpoint {
    /// Blocks while the endpoint serves (until the process ends).
    pub fn wait(self) {
        for w in self.workers {
            let _ = w.join();
        }
    }
}

/// Starts serving in background threads and prints the address.
///
/// HTTP is hyper's (through axum) on a small tokio runtime. SPARQL queries
/// from clients are evaluated in worker processes ([`workers`]) that are
/// killed at the timeout; the explorer's routes, canned queries and updates
/// run on the runtime's blocking threads, since they run synchronously on
/// the store.
pub fn start(store: GraphStore, opts: ServeOptions) -> Result<Endpoint, ServeError> {
    let listen_error = |source| ServeError::Listen {
        bind: opts.bind.clone(),
        source,
    };
    let listener = std::net::TcpListener::bind(&opts.bind).map_err(listen_error)?;
    listener.set_nonblocking(true).map_err(listen_error)?;
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| opts.bind.clone());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(opts.threads.max(1))
        // The explorer's queries parse and evaluate on the blocking threads:
        // a deeper stack than tokio's 2 MiB default is a margin over the
        // nesting limits of `store::sparql::limits` (which are measured to fit in
        // 2 MiB).
        .thread_stack_size(8 << 20)
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    let pool = Arc::new(workers::Pool::new(
        store.clone(),
        workers::PoolOptions {
            workers: opts.workers.max(1),
            timeout: opts.timeout,
            memory_mb: opts.query_memory_mb,
            max_rows: opts.max_rows,
        },
    )?);
    runtime.block_on(pool.warm())?;
    eprintln!(
        "SPARQL endpoint on http://{addr}/sparql ({}; timeout {} s, {} query workers of at most {} MiB{})",
        if opts.update_token.is_some() {
            "updates with token"
        } else {
            "read-only"
        },
        opts.timeout.as_secs_f64(),
        opts.workers.max(1),
        opts.query_memory_mb,
        opts.max_rows
            .map(|n| format!(", at most {n} rows"))
            .unwrap_or_default()
    );
    // The explorer's own routes evaluate in this process on slots no
    // SPARQL query can take.
    let light = Arc::new(tokio::sync::Semaphore::new(opts.threads.max(1)));
    let state = Arc::new(State {
        store,
        opts,
        light,
        pool,
    });
    let app = axum::Router::new()
        .fallback(move |request: axum::extract::Request| {
            let state = Arc::clone(&state);
            async move { handle(state, request).await }
        })
        .layer(cors());
    let worker = std::thread::spawn(move || {
        runtime.block_on(async move {
            match tokio::net::TcpListener::from_std(listener) {
                Ok(listener) => accept(listener, app).await,
                Err(e) => eprintln!("dipgraph serve: {e}"),
            }
        })
    });
    Ok(Endpoint {
        addr,
        workers: vec![worker],
    })
}

/// What every request's handler shares.
struct State {
    store: GraphStore,
    opts: ServeOptions,
    /// Slots of the explorer's routes and canned queries.
    light: Arc<tokio::sync::Semaphore>,
    /// The query workers, with their own slots.
    pool: Arc<workers::Pool>,
}

/// Connections open at once; one more is refused with a 503 and closed, so
/// idle sockets cannot use up the process's file descriptors.
pub const MAX_CONNECTIONS: usize = 512;
/// A client must send a request's whole header within this long of the
/// connection waiting for one — also the longest a kept-alive connection may
/// sit idle. A header trickled a byte a second is cut off, and idle sockets
/// are closed.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Accepts connections and serves each with hyper's HTTP/1 (the header
/// timeout set, the router as the service), up to [`MAX_CONNECTIONS`].
async fn accept(listener: tokio::net::TcpListener, app: axum::Router) {
    let open = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors, or a connection reset before it
                // was accepted: wait a little and go on.
                eprintln!("dipgraph serve: accept: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = Arc::clone(&open).try_acquire_owned() else {
            tokio::spawn(refuse(stream));
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _permit = permit;
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            // A client that goes away mid-request is no error of ours.
            let _ = connection.await;
        });
    }
}

/// Answers a connection over the cap with a 503 and closes it.
async fn refuse(stream: tokio::net::TcpStream) {
    let body = format!("the server has {MAX_CONNECTIONS} connections open: try again later\n");
    let reply = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\nretry-after: 1\r\n\r\n{body}",
        body.len()
    );
    // One small write into an empty socket buffer: no need to loop.
    if let Ok(Ok(())) = tokio::time::timeout(Duration::from_secs(1), stream.writable()).await {
        let _ = stream.try_write(reply.as_bytes());
    }
}

/// Serves until the process ends.
pub fn serve(store: GraphStore, opts: ServeOptions) -> Result<(), ServeError> {
    start(store, opts)?.wait();
    Ok(())
}

/// A request as the handlers see it, its body already read.
struct HttpRequest {
    method: Method,
    path: String,
    query: String,
    headers: HeaderMap,
    body: Vec<u8>,
}

/// An answer: status, headers, body.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    fn with_header(mut self, (name, value): (&'static str, String)) -> Reply {
        self.headers.push((name, value));
        self
    }
}

fn header(name: &'static str, value: &str) -> (&'static str, String) {
    (name, value.to_string())
}

/// The response headers of ours a script on another origin may read
/// (beyond the CORS-safelisted ones such as Content-Type), in lower case
/// as `HeaderName` takes them (header names are case-insensitive).
pub const EXPOSED_HEADERS: [&str; 3] =
    ["x-dipgraph-truncated", "x-dipgraph-warning", "retry-after"];

/// Open CORS, as tower-http implements the Fetch standard: any origin; a
/// preflight (any OPTIONS request) is answered with the methods we serve
/// and whatever request headers it asks for (`Access-Control-Request-Headers`
/// mirrored: `X-Requested-With`, `Authorization`…); other answers expose
/// [`EXPOSED_HEADERS`]; `Vary` is added to, never replaced.
fn cors() -> tower_http::cors::CorsLayer {
    use axum::http::HeaderName;
    use tower_http::cors::{AllowHeaders, Any, CorsLayer};
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD, Method::POST, Method::OPTIONS])
        .allow_headers(AllowHeaders::mirror_request())
        .expose_headers(EXPOSED_HEADERS.map(HeaderName::from_static))
        .max_age(Duration::from_secs(24 * 3600))
}

fn text(status: u16, body: impl Into<String>) -> Reply {
    Reply::new(status, body.into()).with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

async fn handle(state: Arc<State>, request: axum::extract::Request) -> axum::response::Response {
    let (parts, body) = request.into_parts();
    let reply = match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Err(_) => text(
            413,
            format!("request body over {MAX_BODY_BYTES} bytes, or cut short"),
        ),
        Ok(body) => {
            let request = HttpRequest {
                method: parts.method,
                path: parts.uri.path().to_string(),
                query: parts.uri.query().unwrap_or("").to_string(),
                headers: parts.headers,
                body: body.to_vec(),
            };
            match route(&state.opts, &request) {
                Ok(Route::Now(r)) | Err(r) => r,
                Ok(Route::Query { text, accept }) => vary(state.pool.query(text, accept).await),
                Ok(Route::GraphStore { graph, accept }) => {
                    vary(graph_store_get(&state, graph, accept).await)
                }
                Ok(Route::Api { route, params }) => {
                    light(&state, move |store, opts| {
                        api_route(store, opts, &route, &params)
                    })
                    .await
                }
                Ok(Route::Update(update)) => match state.pool.slot().await {
                    Some(slot) => {
                        in_process(&state, slot, move |store, opts| {
                            store
                                .update(&update)
                                .map(|_| Reply::new(204, Vec::new()))
                                .map_err(|e| error_reply(e, opts.timeout))
                        })
                        .await
                    }
                    None => busy(),
                },
            }
        }
    };
    let mut response = axum::response::Response::new(axum::body::Body::from(reply.body));
    *response.status_mut() = axum::http::StatusCode::from_u16(reply.status)
        .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in reply.headers {
        if let Ok(v) = axum::http::HeaderValue::from_str(&value) {
            response.headers_mut().append(name, v);
        }
    }
    response
}

/// Runs `work` in this process on one of the explorer's slots.
async fn light(
    state: &Arc<State>,
    work: impl FnOnce(&GraphStore, &ServeOptions) -> Result<Reply, Reply> + Send + 'static,
) -> Reply {
    let slot =
        tokio::time::timeout(state.opts.timeout, Arc::clone(&state.light).acquire_owned()).await;
    match slot {
        Ok(Ok(slot)) => in_process(state, slot, work).await,
        _ => busy(),
    }
}

/// A Graph Store GET: the default graph (the union of all graphs) or a
/// named graph — 404 when the store has no such graph — as a CONSTRUCT of
/// its triples in a query worker, so the timeout, the memory cap and
/// `--max-rows` hold as for any client query.
async fn graph_store_get(
    state: &Arc<State>,
    graph: Option<oxigraph::model::NamedNode>,
    accept: String,
) -> Reply {
    let query = match &graph {
        None => "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }".to_string(),
        Some(g) => {
            let ask = format!("ASK {{ GRAPH {g} {{ ?s ?p ?o }} }}");
            let missing = format!("the store has no graph {g}");
            let exists = light(state, move |store, opts| {
                match store
                    .query(&ask, &[])
                    .map_err(|e| error_reply(e, opts.timeout))?
                {
                    QueryResults::Boolean(true) => Ok(Reply::new(200, Vec::new())),
                    _ => Err(text(404, missing)),
                }
            })
            .await;
            if exists.status != 200 {
                return exists;
            }
            format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}")
        }
    };
    state.pool.query(query, accept).await
}

/// Runs `work` on a blocking thread of this process, holding `slot`.
async fn in_process(
    state: &Arc<State>,
    slot: tokio::sync::OwnedSemaphorePermit,
    work: impl FnOnce(&GraphStore, &ServeOptions) -> Result<Reply, Reply> + Send + 'static,
) -> Reply {
    let timeout = state.opts.timeout;
    let state = Arc::clone(state);
    let answer = tokio::task::spawn_blocking(move || {
        let _slot = slot;
        match work(&state.store, &state.opts) {
            Ok(r) | Err(r) => r,
        }
    });
    // The canned queries' evaluator is cancelled at the timeout; this is the
    // backstop for work it cannot interrupt (the slot stays taken until the
    // work ends, so such work cannot pile up).
    match tokio::time::timeout(timeout + Duration::from_secs(2), answer).await {
        Ok(done) => done.unwrap_or_else(|e| text(500, format!("the request failed: {e}"))),
        Err(_) => timed_out(timeout),
    }
}

fn busy() -> Reply {
    text(503, "the server is busy: try again later").with_header(header("Retry-After", "1"))
}

fn header_value<'a>(request: &'a HttpRequest, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

/// The SPARQL operation a request carries.
enum Operation {
    Query(String),
    Update(String),
}

/// Where a request is answered.
enum Route {
    /// Answered already: nothing to evaluate (files, the list of canned
    /// queries, errors in the request).
    Now(Reply),
    /// An explorer route or a canned query, evaluated in this process.
    Api {
        route: String,
        params: Vec<(String, String)>,
    },
    /// A client's SPARQL query (nesting checked), for a worker.
    Query { text: String, accept: String },
    /// A Graph Store GET: the default graph (None) or a named one.
    GraphStore {
        graph: Option<oxigraph::model::NamedNode>,
        accept: String,
    },
    /// An update that carries the right token.
    Update(String),
}

/// Reads what a request asks for, answering at once what needs no store.
fn route(opts: &ServeOptions, request: &HttpRequest) -> Result<Route, Reply> {
    let path = request.path.as_str();
    let query_string = request.query.as_str();
    // (OPTIONS never comes here: the CORS layer answers it as a preflight.)
    let method = request.method.clone();
    let update_path = path == "/update";
    let mut params: Vec<(String, String)> = form_urlencoded::parse(query_string.as_bytes())
        .into_owned()
        .collect();
    if method == Method::GET || method == Method::HEAD {
        if path == "/api/queries" {
            return Ok(Route::Now(api_reply(api::queries())));
        }
        if path == "/api/relations" {
            return Ok(Route::Now(api_reply(api::relations())));
        }
        if path == "/api/prefixes" {
            return Ok(Route::Now(api_reply(api::prefixes())));
        }
        if let Some(route) = path.strip_prefix("/api/") {
            return Ok(Route::Api {
                route: route.to_string(),
                params,
            });
        }
        if path.starts_with("/assets/") || (path == "/" && !has(&params, "query")) {
            return page(path).map(Route::Now);
        }
    }
    if path == "/store" {
        return graph_store_route(request, &params);
    }
    if !matches!(path, "/sparql" | "/query" | "/update" | "/") {
        return Err(text(
            404,
            format!("no such resource {path}; the endpoint is /sparql"),
        ));
    }
    let op = match method {
        Method::GET | Method::HEAD => {
            if update_path {
                return Err(text(405, "updates must be POSTed"));
            }
            match take(&mut params, "query") {
                Some(q) => Operation::Query(q),
                None => return service_description(opts, request).map(Route::Now),
            }
        }
        Method::POST => {
            let body = String::from_utf8(request.body.clone())
                .map_err(|e| text(400, format!("unreadable body (not UTF-8): {e}")))?;
            let content_type = header_value(request, "Content-Type")
                .unwrap_or("")
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            match content_type.as_str() {
                "application/sparql-query" if !update_path => Operation::Query(body),
                "application/sparql-update" => Operation::Update(body),
                "application/x-www-form-urlencoded" => {
                    params.extend(form_urlencoded::parse(body.as_bytes()).into_owned());
                    if let Some(u) = take(&mut params, "update") {
                        Operation::Update(u)
                    } else if let Some(q) = take(&mut params, "query").filter(|_| !update_path) {
                        Operation::Query(q)
                    } else {
                        return Err(text(400, "the form has no `query` or `update` field"));
                    }
                }
                other => {
                    return Err(text(
                        415,
                        format!(
                            "unsupported Content-Type {other:?}: use application/sparql-query, application/sparql-update or application/x-www-form-urlencoded"
                        ),
                    ));
                }
            }
        }
        _ => return Err(text(405, "use GET, POST or OPTIONS")),
    };
    match op {
        Operation::Query(q) => {
            if params
                .iter()
                .any(|(k, _)| k == "default-graph-uri" || k == "named-graph-uri")
            {
                return Err(text(
                    400,
                    "default-graph-uri/named-graph-uri are not supported: use FROM / FROM NAMED in the query (the default graph is the union of all graphs)",
                ));
            }
            // Refused here, before a worker parses it (and for a clear 400).
            crate::store::sparql::limits::check(&q)
                .map_err(|e| text(400, StoreError::from(e).to_string()))?;
            let accept = header_value(request, "Accept").unwrap_or("*/*");
            Ok(Route::Query {
                text: q,
                accept: accept.to_string(),
            })
        }
        Operation::Update(u) => {
            let Some(token) = &opts.update_token else {
                return Err(text(
                    403,
                    "updates are disabled: this endpoint is read-only (start `dipgraph serve` with --update-token)",
                ));
            };
            let given = header_value(request, "Authorization")
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::trim);
            if !given.is_some_and(|g| constant_time_eq(g.as_bytes(), token.as_bytes())) {
                return Err(text(403, "update refused: missing or wrong bearer token"));
            }
            Ok(Route::Update(u))
        }
    }
}

/// `GET /sparql` without a query: the Service Description, in the RDF
/// format `Accept` asks for (Turtle for `*/*`), naming the endpoint by the
/// URL the client used.
fn service_description(opts: &ServeOptions, request: &HttpRequest) -> Result<Reply, Reply> {
    let accept = header_value(request, "Accept").unwrap_or("*/*");
    let format = negotiate_graph(accept).ok_or_else(|| vary(not_acceptable(accept)))?;
    let host = header_value(request, "Host").unwrap_or(&opts.bind);
    let triples = description::service_description(
        &format!("http://{host}{}", request.path),
        &format!("http://{host}/store"),
        opts.update_token.is_some(),
    );
    let mut body = Vec::new();
    let io = |e: std::io::Error| text(500, format!("serialising the service description: {e}"));
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in description::PREFIXES {
        serializer = serializer.with_prefix(prefix, iri).expect("valid prefix");
    }
    let mut w = serializer.for_writer(&mut body);
    for t in &triples {
        w.serialize_triple(t).map_err(io)?;
    }
    w.finish().map_err(io)?;
    Ok(vary(Reply::new(200, body).with_header(header(
        "Content-Type",
        &with_charset(format.media_type()),
    ))))
}

/// `/store`: the read-only Graph Store Protocol. GET or HEAD with
/// `?default` (the default graph: the union of all graphs) or
/// `?graph=IRI`; writes are refused (405), since the store is written by
/// `dipgraph ingest` and SPARQL Update.
fn graph_store_route(request: &HttpRequest, params: &[(String, String)]) -> Result<Route, Reply> {
    if !matches!(request.method, Method::GET | Method::HEAD) {
        return Err(text(
            405,
            "the Graph Store is read-only here: GET ?default or ?graph=IRI",
        )
        .with_header(header("Allow", "GET, HEAD, OPTIONS")));
    }
    let graphs: Vec<&str> = params
        .iter()
        .filter(|(k, _)| k == "graph")
        .map(|(_, v)| v.as_str())
        .collect();
    let default = has(params, "default");
    let graph = match (default, graphs.as_slice()) {
        (true, []) => None,
        (false, [iri]) => Some(
            oxigraph::model::NamedNode::new(*iri)
                .map_err(|e| text(400, format!("graph={iri} is not an absolute IRI: {e}")))?,
        ),
        _ => {
            return Err(text(
                400,
                "give either ?default or one ?graph=IRI (e.g. ?graph=https://w3id.org/dipgraph/graph/events)",
            ));
        }
    };
    Ok(Route::GraphStore {
        graph,
        accept: header_value(request, "Accept").unwrap_or("*/*").to_string(),
    })
}

/// Marks an answer that depends on the request's `Accept`.
fn vary(r: Reply) -> Reply {
    r.with_header(header("Vary", "Accept"))
}

/// A media type with `charset=utf-8`, unless it carries one already
/// (sparesults' CSV and TSV types do).
fn with_charset(media_type: &str) -> String {
    if media_type.to_ascii_lowercase().contains("charset=") {
        media_type.to_string()
    } else {
        format!("{media_type}; charset=utf-8")
    }
}

fn take(params: &mut Vec<(String, String)>, name: &str) -> Option<String> {
    let i = params.iter().position(|(k, _)| k == name)?;
    Some(params.remove(i).1)
}

/// Compares the SHA-256 digests of the two tokens in constant time, so
/// neither the position of the first difference nor the token's length
/// shows in the response time.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use sha2::{Digest, Sha256};
    let (da, db) = (Sha256::digest(a), Sha256::digest(b));
    da.iter()
        .zip(db.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}

fn has(params: &[(String, String)], name: &str) -> bool {
    params.iter().any(|(k, _)| k == name)
}

/// A file of the web explorer.
fn page(path: &str) -> Result<Reply, Reply> {
    match assets::get(path) {
        Some((bytes, media)) => {
            let mut reply =
                Reply::new(200, bytes.into_owned()).with_header(header("Content-Type", media));
            if path == "/" && !assets::vendored() {
                // The page cannot draw without its libraries: say why.
                reply = reply.with_header(header(
                    "X-Dipgraph-Warning",
                    "web libraries not vendored; run `make web` and rebuild",
                ));
            }
            Ok(reply)
        }
        None if path == "/" => Ok(help_page()),
        None => Err(text(404, format!("no such file {path}"))),
    }
}

fn json_reply(status: u16, value: &serde_json::Value) -> Reply {
    Reply::new(
        status,
        serde_json::to_vec(value).expect("JSON values serialise"),
    )
    .with_header(header("Content-Type", "application/json; charset=utf-8"))
}

/// `/api/…`: the explorer's JSON routes, and `/api/query/NAME` (a canned
/// query with its parameters bound from the query string).
fn api_route(
    store: &GraphStore,
    opts: &ServeOptions,
    route: &str,
    params: &[(String, String)],
) -> Result<Reply, Reply> {
    let answer = match route {
        "stats" => api::stats(store),
        "graph" => api::graph(store, params),
        "period" => api::period(store),
        "actors" => api::actors(store),
        "actor" if wants_csv(params) => return csv_reply(api::actor_csv(store, params)),
        "actor" => api::actor(store, params),
        "dyad" if wants_csv(params) => return csv_reply(api::dyad_csv(store, params)),
        "dyad" => api::dyad(store, params),
        _ => match route.strip_prefix("query/") {
            Some(name) => {
                let q = api::canned(name).map_err(|(status, msg)| {
                    json_reply(status, &serde_json::json!({"error": msg}))
                })?;
                let given: Vec<(String, String)> = params
                    .iter()
                    .filter(|(k, _)| k != "format")
                    .cloned()
                    .collect();
                let bindings = q
                    .bindings(&given)
                    .map_err(|e| json_reply(400, &serde_json::json!({"error": e.to_string()})))?;
                // A misspelt actor says so, rather than answering 0 rows.
                let actor_params = q.actor_params();
                let actor_params: Vec<&str> = actor_params.iter().map(String::as_str).collect();
                crate::query::actors::check_actor_params(store, &bindings, &actor_params).map_err(
                    |e| {
                        let msg = e.to_string();
                        let msg = msg.strip_prefix("--param ").unwrap_or(&msg);
                        json_reply(400, &serde_json::json!({"error": msg}))
                    },
                )?;
                let accept = match params
                    .iter()
                    .find(|(k, _)| k == "format")
                    .map(|(_, v)| v.as_str())
                {
                    Some("csv") => "text/csv",
                    Some("tsv") => "text/tab-separated-values",
                    Some("xml") => "application/sparql-results+xml",
                    Some("json") | None => "application/sparql-results+json",
                    Some(other) => {
                        return Err(json_reply(
                            400,
                            &serde_json::json!({"error": format!("format={other}: use json, csv, tsv or xml")}),
                        ));
                    }
                };
                return run_query(store, opts, accept, &q.text, &bindings);
            }
            None => Err((404, format!("no such route /api/{route}"))),
        },
    };
    Ok(api_reply(answer))
}

fn wants_csv(params: &[(String, String)]) -> bool {
    params.iter().any(|(k, v)| k == "format" && v == "csv")
}

/// A panel's rows as a CSV file to download.
fn csv_reply(answer: api::CsvResult) -> Result<Reply, Reply> {
    match answer {
        Ok((file_name, body)) => Ok(Reply::new(200, body.into_bytes())
            .with_header(header("Content-Type", "text/csv; charset=utf-8"))
            .with_header(header(
                "Content-Disposition",
                &format!(
                    "attachment; filename=\"{}\"",
                    file_name.replace(['"', '\\'], "_")
                ),
            ))),
        Err((status, msg)) => Err(json_reply(status, &serde_json::json!({"error": msg}))),
    }
}

fn api_reply(answer: api::ApiResult) -> Reply {
    match answer {
        Ok(value) => json_reply(200, &value),
        Err((status, msg)) => json_reply(status, &serde_json::json!({"error": msg})),
    }
}

/// Runs a query in this process (a canned one), cancelled at the timeout
/// as far as its plan looks at the token.
fn run_query(
    store: &GraphStore,
    opts: &ServeOptions,
    accept: &str,
    query: &str,
    bindings: &[(String, oxigraph::model::Term)],
) -> Result<Reply, Reply> {
    let token = CancellationToken::new();
    // Cancels the query when the timeout passes; dropping `_done` ends the
    // watchdog early when the query finishes first.
    let (_done, finished) = std::sync::mpsc::channel::<()>();
    {
        let token = token.clone();
        let timeout = opts.timeout;
        std::thread::spawn(move || {
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(timeout)
            {
                token.cancel();
            }
        });
    }
    let evaluator = crate::store::evaluator().with_cancellation_token(token);
    evaluate(
        store,
        evaluator,
        accept,
        query,
        bindings,
        opts.max_rows,
        opts.timeout,
    )
}

/// Evaluates a query and serialises its answer as `accept` asks, at most
/// `max_rows` rows (flagged when cut). `timeout` is for the message of a
/// cancelled query.
fn evaluate(
    store: &GraphStore,
    evaluator: oxigraph::sparql::SparqlEvaluator,
    accept: &str,
    query: &str,
    bindings: &[(String, oxigraph::model::Term)],
    max_rows: Option<usize>,
    timeout: Duration,
) -> Result<Reply, Reply> {
    let results = store
        .query_with(evaluator, query, bindings)
        .map_err(|e| error_reply(e, timeout))?;
    let mut body = Vec::new();
    let mut truncated = false;
    let io = |e: std::io::Error| text(500, format!("serialising the results: {e}"));
    let content_type = match results {
        QueryResults::Boolean(b) => {
            let f = negotiate_results(accept).ok_or_else(|| not_acceptable(accept))?;
            QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(&mut body, b)
                .map_err(io)?;
            f.media_type()
        }
        QueryResults::Solutions(solutions) => {
            let f = negotiate_results(accept).ok_or_else(|| not_acceptable(accept))?;
            let mut w = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(&mut body, solutions.variables().to_vec())
                .map_err(io)?;
            for (n, s) in solutions.enumerate() {
                if max_rows.is_some_and(|m| n >= m) {
                    truncated = true;
                    break;
                }
                w.serialize(&s.map_err(|e| error_reply(e.into(), timeout))?)
                    .map_err(io)?;
            }
            w.finish().map_err(io)?;
            f.media_type()
        }
        QueryResults::Graph(triples) => {
            let f = negotiate_graph(accept).ok_or_else(|| not_acceptable(accept))?;
            let mut w =
                crate::store::with_prefixes(RdfSerializer::from_format(f)).for_writer(&mut body);
            for (n, t) in triples.enumerate() {
                if max_rows.is_some_and(|m| n >= m) {
                    truncated = true;
                    break;
                }
                w.serialize_triple(&t.map_err(|e| error_reply(e.into(), timeout))?)
                    .map_err(io)?;
            }
            w.finish().map_err(io)?;
            f.media_type()
        }
    };
    let mut reply =
        Reply::new(200, body).with_header(header("Content-Type", &with_charset(content_type)));
    if truncated {
        reply = reply.with_header(header("X-Dipgraph-Truncated", "true"));
    }
    Ok(reply)
}

fn timed_out(timeout: Duration) -> Reply {
    text(
        503,
        format!(
            "query cancelled after the {} s timeout",
            timeout.as_secs_f64()
        ),
    )
}

/// The answer to a failed query or update: a client's mistake (syntax, a
/// SERVICE or function this endpoint does not offer, a graph that does not
/// exist) is a 400, a remote service's failure a 502, a cancelled query a
/// 503, and only the store's own failures a 500.
fn error_reply(e: StoreError, timeout: Duration) -> Reply {
    use oxigraph::sparql::{QueryEvaluationError as Query, UpdateEvaluationError as Update};
    let status = match &e {
        StoreError::Syntax(_) | StoreError::TooComplex(_) => 400,
        StoreError::Evaluation(Query::Cancelled) => return timed_out(timeout),
        StoreError::Evaluation(
            Query::UnsupportedService(_)
            | Query::UnboundService
            | Query::InvalidServiceName(_)
            | Query::UnsupportedCustomFunction(_)
            | Query::UnsupportedCustomFunctionArity { .. }
            | Query::NotExistingSubstitutedVariable(_),
        ) => 400,
        StoreError::Evaluation(Query::Service(_)) | StoreError::Update(Update::Service(_)) => 502,
        StoreError::Update(Update::Storage(_) | Update::Unexpected(_)) => 500,
        // What an update names or loads: a graph that exists or does not,
        // a SERVICE or a media type it cannot use, a file that does not parse.
        StoreError::Update(_) => 400,
        _ => 500,
    };
    text(status, e.to_string())
}

fn not_acceptable(accept: &str) -> Reply {
    text(406, format!("cannot produce any of: {accept}"))
}

/// Media ranges of an Accept header, best first (stable for equal q).
fn media_ranges(accept: &str) -> Vec<String> {
    let mut ranges: Vec<(f32, usize, String)> = accept
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.split(';');
            let media = pieces.next()?.trim().to_ascii_lowercase();
            if media.is_empty() {
                return None;
            }
            let q = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (q > 0.0).then_some((q, i, media))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges.into_iter().map(|(_, _, m)| m).collect()
}

fn pick<T: Copy>(accept: &str, offers: &[(&str, T)]) -> Option<T> {
    for range in media_ranges(accept) {
        for (media, value) in offers {
            let (t, _) = media.split_once('/').expect("media type");
            if range == *media || range == "*/*" || range == format!("{t}/*") {
                return Some(*value);
            }
        }
    }
    None
}

fn negotiate_results(accept: &str) -> Option<QueryResultsFormat> {
    pick(
        accept,
        &[
            ("application/sparql-results+json", QueryResultsFormat::Json),
            ("application/sparql-results+xml", QueryResultsFormat::Xml),
            ("text/csv", QueryResultsFormat::Csv),
            ("text/tab-separated-values", QueryResultsFormat::Tsv),
            ("application/json", QueryResultsFormat::Json),
            ("application/xml", QueryResultsFormat::Xml),
        ],
    )
}

fn negotiate_graph(accept: &str) -> Option<RdfFormat> {
    pick(
        accept,
        &[
            ("text/turtle", RdfFormat::Turtle),
            ("application/n-triples", RdfFormat::NTriples),
            ("application/rdf+xml", RdfFormat::RdfXml),
            ("application/n-quads", RdfFormat::NQuads),
            (
                "application/ld+json",
                RdfFormat::JsonLd {
                    profile: JsonLdProfileSet::empty(),
                },
            ),
            ("text/plain", RdfFormat::NTriples),
        ],
    )
}

fn help_page() -> Reply {
    Reply::new(
        200,
        "dipgraph SPARQL endpoint\n\nGET  /             the web explorer\nGET  /api/graph, /api/actor?id=, /api/dyad?a=&b=, /api/queries, /api/query/NAME, /api/stats\nGET  /sparql?query=...\nGET  /sparql   the SPARQL 1.1 Service Description (Turtle, RDF/XML, N-Triples, JSON-LD)\nGET  /store?default, /store?graph=IRI   a graph (Graph Store Protocol, read-only)\nPOST /sparql  (application/sparql-query, or a form with query=)\nPOST /update  (application/sparql-update, or a form with update=; needs Authorization: Bearer TOKEN)\n\nThe default graph is the union of all graphs.\n",
    )
    .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_headers_pick_the_best_offer() {
        assert_eq!(negotiate_results("*/*"), Some(QueryResultsFormat::Json));
        assert_eq!(
            negotiate_results("text/csv;q=0.5, application/sparql-results+xml"),
            Some(QueryResultsFormat::Xml)
        );
        assert_eq!(
            negotiate_results("text/tab-separated-values"),
            Some(QueryResultsFormat::Tsv)
        );
        assert_eq!(negotiate_results("image/png"), None);
        assert_eq!(
            negotiate_graph("application/n-triples, */*;q=0.1"),
            Some(RdfFormat::NTriples)
        );
        assert_eq!(negotiate_graph("text/*"), Some(RdfFormat::Turtle));
        assert!(matches!(
            negotiate_graph("application/ld+json"),
            Some(RdfFormat::JsonLd { .. })
        ));
    }

    #[test]
    fn charset_is_said_once() {
        assert_eq!(
            with_charset(QueryResultsFormat::Csv.media_type()),
            "text/csv; charset=utf-8"
        );
        assert_eq!(with_charset("text/turtle"), "text/turtle; charset=utf-8");
    }

    #[test]
    fn token_comparison() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"secrets"));
    }
}
