// Package readallbody defines an Analyzer that reports inbound request
// bodies read whole into memory with no size limit.
//
// What it reports and what it does not, with examples, is [Doc]:
// crisislint -explain readallbody prints it.
package readallbody

import (
	"github.com/crisislint/crisislint/internal/analyzerdoc"
	"honnef.co/go/tools/analysis/lint"
)

// Doc is readallbody's documentation, as data: go vet help, crisislint -explain,
// the SARIF rule and the README table are made from it.
var Doc = analyzerdoc.Register(&analyzerdoc.Doc{
	Name:   "readallbody",
	Crisis: "a 1 GB upload exhausts the heap",
	RawDocumentation: lint.RawDocumentation{
		Title: "request bodies read whole into memory with no size limit",
		Text: `Go's HTTP server does not bound request bodies: a handler that reads the
body whole lets one client send a gigabyte, and every request the
process was serving fails with it.

readallbody reports, in an HTTP handler of net/http, gin or echo:
io.ReadAll, ioutil.ReadAll or bytes.Buffer.ReadFrom of the request body
(r.Body, gin's c.Request.Body and c.GetRawData(), echo's
c.Request().Body), and io.Copy of it into a bytes.Buffer or
strings.Builder; json.NewDecoder and xml.NewDecoder on the body; the
same through a decompressor (gzip.NewReader(r.Body): it yields more
than it reads) or a variable any of whose values is the body;
io.ReadAll of an uploaded file (r.FormFile, a header of
r.MultipartForm.File, a part of r.MultipartReader()); and
r.ParseMultipartForm with a memory limit over 64 MiB. When the body is
handed to a helper that reads it, in the same package or in another
(through analysis facts; a util package that imports no web package
too: ReadJSONInto(r io.ReadCloser, v any) called with r.Body), the
finding is at the call in the handler and names the chain; a helper
that limits the reader it is given (io.LimitReader inside) is not.

It does not report a body limited in the same function by
http.MaxBytesReader, io.LimitReader or a reader of the program's own
whose Read stops at a limit (it counts what it reads in a field and
returns an error once a comparison of a field says the limit is passed;
one that only counts limits nothing), directly or through a function of
the package that sets the request's body so (or by the caller in the
same package before it calls the helper), response bodies of outbound
calls, the body of a request a handler is handed beside the one it serves
(Sign(c *gin.Context, req *http.Request) hashing an outbound request its
caller built: reported at a caller that hands it the served request),
or handlers behind a body limit: http.MaxBytesHandler or a body-limit
middleware (echo's middleware.BodyLimit, chi's middleware.RequestSize,
gin-contrib/size, or one of the program's own that sets r.Body =
http.MaxBytesReader or one of those readers, or wraps what it is given
in a limit; a middleware is recognized by its shape, whatever its type:
a function that returns a handler, or a function literal serving
requests alone or in a value, as pocketbase's &hook.Handler{Func: ...},
that limits its request's body and does not read it). A limit on a
router covers the handlers of its package and of the packages that
package imports, directly or not (the server's package wraps the router
the handlers' packages build); a server of the module that limits its
own router covers nothing of another's. A limit on one route
(mux.Handle("/upload", http.MaxBytesHandler(upload, n)), chi's
r.With(middleware.RequestSize(n)).Post(...), echo's e.POST(path, h,
middleware.BodyLimit("50M"))) covers the handler it names: the other
routes of the package are reported.

Reading a body or an upload whole with no limit is an error: one
request decides how much of the heap it takes, and when it takes too
much the process dies with every request it was serving. Whether the
handler sits behind authentication does not lower it: that only
narrows who can send the request (a login form, a webhook or a leaked
token is enough), and the code does not show it. A multipart form
parsed with too large a memory limit is a warning: each request is
bounded, and it takes several at once to exhaust the heap.

The reusable body: when a middleware of the program reads the body
whole and leaves the request an in-memory copy of it (it calls a
function that reads the body, or has it read, and sets r.Body =
io.NopCloser(bytes.NewBuffer(b)) from what was read, as new-api's and
one-api's UnmarshalBodyReusable), that first read is reported, and the
reads of the packages its router reaches that serve no route themselves
(the relay and service layers the handlers hand the request to, through
interfaces or not) read the copy: they add no exposure and are not
reported. A package that serves routes is reported as before, since its
routes may not pass the middleware; a relay layer that a route without
the middleware also calls is then missed.

When no handler of a package limits a body, the package lacks a limit,
not each handler: its reads are one finding, at the first, with the
others as related locations, naming the one remedy (http.MaxBytesHandler
around the router, or a body-limit middleware). The suggested fix still
limits each handler that reads.`,
		Before: `
func create(w http.ResponseWriter, r *http.Request) {
	var in Order
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
`,
		After: `
func create(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	var in Order
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
`,
		Severity: lint.SeverityError,
	},
	Fixes: true,
	Remedy: `The suggested fix inserts that first line, with the handler's own
ResponseWriter (c.Writer for gin, c.Response() for echo), and declares
maxBodyBytes = 1 MiB once in the package, where the team can see and
tune it. For an uploaded file, stream it with io.Copy to disk or
storage instead of reading it whole.`,
})
