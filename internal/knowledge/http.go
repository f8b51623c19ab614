package knowledge

// Framework says, for a web framework whose handlers take one context
// parameter, what the shape of its type cannot tell: the expressions that
// reach the *http.Request, a ResponseWriter and the request's context
// from the parameter, for fixes and messages (gin's context is a
// context.Context whose Done is nil; fiber's has no *http.Request). The
// expressions are format strings taking the parameter's name.
type Framework struct {
	Name string
	// Param is the type of the handler's single parameter; empty for
	// net/http, whose handlers take (http.ResponseWriter, *http.Request).
	Param string
	// Request reaches the *http.Request; empty when the framework does not
	// expose one (fiber is built on fasthttp).
	Request string
	// Writer reaches an http.ResponseWriter.
	Writer string
	// Context reaches the request's context.Context.
	Context string
}

// Frameworks lists them. Any other framework's handlers are found by
// their shape (see internal/reqpath).
var Frameworks = []Framework{
	{Name: "gin", Param: "*github.com/gin-gonic/gin.Context",
		Request: "%s.Request", Writer: "%s.Writer", Context: "%s.Request.Context()"},
	{Name: "echo", Param: "github.com/labstack/echo/v4.Context",
		Request: "%s.Request()", Writer: "%s.Response()", Context: "%s.Request().Context()"},
	{Name: "echo", Param: "*github.com/labstack/echo/v5.Context",
		Request: "%s.Request()", Writer: "%s.Response()", Context: "%s.Request().Context()"},
	{Name: "fiber", Param: "*github.com/gofiber/fiber/v2.Ctx",
		Context: "%s.UserContext()"},
	{Name: "fiber", Param: "github.com/gofiber/fiber/v3.Ctx",
		Context: "%s.Context()"},
	// fasthttp's and hertz's request contexts are not net/http's: no
	// *http.Request to reach. fasthttp's is a context.Context itself;
	// hertz passes the context as a parameter of its own.
	{Name: "fasthttp", Param: "*github.com/valyala/fasthttp.RequestCtx", Context: "%s"},
	{Name: "hertz", Param: "*github.com/cloudwego/hertz/pkg/app.RequestContext"},
}

// WriterType is the response writer of net/http handlers.
const WriterType = "net/http.ResponseWriter"

// RPCRequestTypes are the request parameters of RPC methods that are not
// gRPC's plain messages: a method that takes one serves an RPC.
var RPCRequestTypes = map[string]bool{
	"*connectrpc.com/connect.Request":            true,
	"*github.com/bufbuild/connect-go.Request":    true,
	"*connectrpc.com/connect.BidiStream":         true,
	"*connectrpc.com/connect.ClientStream":       true,
	"*connectrpc.com/connect.ServerStream":       true,
	"*github.com/bufbuild/connect-go.BidiStream": true,
}

// Server dispatchers name, for the code generated for an RPC or GraphQL
// service, the interface its requests are dispatched to: gRPC's service
// description holds it as its HandlerType; gqlgen's schema is built from
// a configuration whose Resolvers field is the root resolver.
const (
	GRPCServiceDesc = "google.golang.org/grpc.ServiceDesc"
	GRPCHandlerType = "HandlerType"
	GraphQLSchema   = "github.com/99designs/gqlgen/graphql.ExecutableSchema"
)

// RequestType is the type whose Body field is an inbound request body.
// (Framework accessors reach it first: gin's c.Request, echo's c.Request().)
const RequestType = "*net/http.Request"

// WholeReaders read everything their argument at index Arg yields, with no
// bound of their own.
var WholeReaders = map[string]int{
	"io.ReadAll":               0,
	"io/ioutil.ReadAll":        0,
	"(*bytes.Buffer).ReadFrom": 0,
	"encoding/json.NewDecoder": 0,
	"encoding/xml.NewDecoder":  0,
}

// MemoryCopies copy everything the reader at index Src yields into the
// writer at index Dst, with no bound of their own: into an in-memory
// writer (MemoryWriters), a whole read by another name.
var MemoryCopies = map[string]struct{ Dst, Src int }{
	"io.Copy":       {0, 1},
	"io.CopyBuffer": {0, 1},
}

// MemoryWriters keep in memory everything written to them.
var MemoryWriters = map[string]bool{
	"*bytes.Buffer":    true,
	"*strings.Builder": true,
}

// MemoryReaders read bytes already in memory, the argument at the index:
// a request body replaced by one (r.Body = io.NopCloser(bytes.NewBuffer(b)))
// holds what was read before.
var MemoryReaders = map[string]int{
	"bytes.NewBuffer":       0,
	"bytes.NewBufferString": 0,
	"bytes.NewReader":       0,
	"strings.NewReader":     0,
}

// ContextBodyReaders are framework methods that read the whole request
// body of their receiver.
var ContextBodyReaders = map[string]bool{
	"(*github.com/gin-gonic/gin.Context).GetRawData": true,
}

// BodyLimiters bound a reader: a body passed through one is safe to read
// whole. The value is the index of the reader argument.
var BodyLimiters = map[string]int{
	"net/http.MaxBytesReader": 1,
	"io.LimitReader":          0,
}

// BodyLimiterTypes are readers that stop at a limit: a body wrapped in a
// literal of one (&io.LimitedReader{R: r.Body, N: n}) is safe to read
// whole.
var BodyLimiterTypes = map[string]bool{
	"io.LimitedReader": true,
}

// BodyLimitMiddleware bound the body of every request a router serves: a
// package that uses one has every handler's body limited.
var BodyLimitMiddleware = map[string]bool{
	"net/http.MaxBytesHandler":                                   true,
	"github.com/labstack/echo/v4/middleware.BodyLimit":           true,
	"github.com/labstack/echo/v4/middleware.BodyLimitWithConfig": true,
	"github.com/labstack/echo/v5/middleware.BodyLimit":           true,
	"github.com/labstack/echo/v5/middleware.BodyLimitWithConfig": true,
	"github.com/gin-contrib/size.RequestSizeLimiter":             true,
	"github.com/go-chi/chi/v5/middleware.RequestSize":            true,
}

// UploadOpeners return an uploaded file of the request (or context)
// they are called on.
var UploadOpeners = map[string]bool{
	"(*net/http.Request).FormFile":                   true,
	"(*mime/multipart.FileHeader).Open":              true,
	"(*github.com/gin-gonic/gin.Context).FormFile":   true,
	"(github.com/labstack/echo/v4.Context).FormFile": true,
}

// PartReaders return the next part of a multipart body from the reader
// they are called on; MultipartReaders return that reader for the
// request (or context) they are called on.
var (
	PartReaders = map[string]bool{
		"(*mime/multipart.Reader).NextPart":    true,
		"(*mime/multipart.Reader).NextRawPart": true,
	}
	MultipartReaders = map[string]bool{
		"(*net/http.Request).MultipartReader": true,
	}
)

// MultipartForms return the parsed multipart form, whose File headers
// open the uploaded files, of the request (or context) they are called
// on; MultipartFormField is the request's field that holds it.
var MultipartForms = map[string]bool{
	"(*github.com/gin-gonic/gin.Context).MultipartForm":   true,
	"(github.com/labstack/echo/v4.Context).MultipartForm": true,
}

// MultipartFormField is the field of *net/http.Request that holds the
// parsed multipart form.
const MultipartFormField = "MultipartForm"

// MultipartParsers take the number of bytes of a multipart form to keep in
// memory as their argument at index 0.
var MultipartParsers = map[string]bool{
	"(*net/http.Request).ParseMultipartForm": true,
}

// MultipartMemoryLimit is the largest in-memory part of a multipart form
// crisislint accepts without comment: 64 MiB.
const MultipartMemoryLimit = 64 << 20

// UserInputs return text an outside user chooses: request parameters,
// headers, form values, command-line arguments.
var UserInputs = map[string]bool{
	"(*net/http.Request).FormValue":                       true,
	"(*net/http.Request).PostFormValue":                   true,
	"(*net/http.Request).PathValue":                       true,
	"(*net/http.Request).Referer":                         true,
	"(*net/http.Request).UserAgent":                       true,
	"(net/url.Values).Get":                                true,
	"(net/http.Header).Get":                               true,
	"(*github.com/gin-gonic/gin.Context).Query":           true,
	"(*github.com/gin-gonic/gin.Context).DefaultQuery":    true,
	"(*github.com/gin-gonic/gin.Context).Param":           true,
	"(*github.com/gin-gonic/gin.Context).PostForm":        true,
	"(*github.com/gin-gonic/gin.Context).DefaultPostForm": true,
	"(*github.com/gin-gonic/gin.Context).GetHeader":       true,
	"(*github.com/gin-gonic/gin.Context).GetQuery":        true,
	"(*github.com/gin-gonic/gin.Context).GetPostForm":     true,
	"(github.com/labstack/echo/v4.Context).QueryParam":    true,
	"(github.com/labstack/echo/v4.Context).Param":         true,
	"(github.com/labstack/echo/v4.Context).FormValue":     true,
	"(*github.com/gofiber/fiber/v2.Ctx).Query":            true,
	"(*github.com/gofiber/fiber/v2.Ctx).Params":           true,
	"(*github.com/gofiber/fiber/v2.Ctx).FormValue":        true,
	"github.com/go-chi/chi/v5.URLParam":                   true,
	"github.com/go-chi/chi.URLParam":                      true,
	"github.com/gorilla/mux.Vars":                         true,
}

// UserInputVars are package-level variables whose values an outside user
// chooses.
var UserInputVars = map[string]bool{
	"os.Args": true,
}

// ReaderWrappers pass the bytes of the reader at index Arg through,
// unchanged in amount or more: reading them whole reads the wrapped
// reader whole.
var ReaderWrappers = map[string]int{
	"io.NopCloser":        0,
	"io/ioutil.NopCloser": 0,
	"bufio.NewReader":     0,
	"bufio.NewReaderSize": 0,
	"io.TeeReader":        0,
	// Decompressors yield more than they read: reading one whole reads
	// the body whole, and then some.
	"compress/gzip.NewReader":  0,
	"compress/zlib.NewReader":  0,
	"compress/flate.NewReader": 0,
}

// MiddlewareResults are the result types of a function that wraps a
// router or handler: a body limit set inside one applies to every handler
// it wraps.
var MiddlewareResults = map[string]bool{
	"net/http.Handler":                           true,
	"net/http.HandlerFunc":                       true,
	"github.com/gin-gonic/gin.HandlerFunc":       true,
	"github.com/labstack/echo/v4.HandlerFunc":    true,
	"github.com/labstack/echo/v4.MiddlewareFunc": true,
}

// FakeServers start a server on a loopback listener for tests or local
// development: the handler at the index is a stub (a slow upstream, a
// mock provider), never the service's, whichever package builds it.
var FakeServers = map[string]int{
	"net/http/httptest.NewServer":          0,
	"net/http/httptest.NewTLSServer":       0,
	"net/http/httptest.NewUnstartedServer": 0,
}

// HTTPPackages are the packages whose import makes a package's functions
// candidates for handlers.
var HTTPPackages = []string{
	"net/http",
	"github.com/gin-gonic/gin",
	"github.com/labstack/echo/v4",
	"github.com/labstack/echo/v5",
	"github.com/gofiber/fiber/v2",
	"github.com/gofiber/fiber/v3",
}

// DevModeWords name, as a whole word of a boolean setting's name (IsDev,
// Debug, setting.IsInE2eTesting()), a mode the server runs in only in
// development or tests; ProdModeWords name production (setting.IsProd),
// whose negation is such a mode. NegatingWords turn a name's meaning
// around (DisableDebug): a name with one says neither.
var (
	DevModeWords  = []string{"dev", "development", "debug", "test", "testing", "e2e"}
	ProdModeWords = []string{"prod", "production"}
	NegatingWords = []string{"no", "not", "non", "disable", "disabled", "skip", "without", "off"}
)

// Binder fills the value its argument Dst points to with what a client
// sent: a field of a struct bound by one is request data. From says
// where the data comes from: BindsContext, the receiver, which belongs to
// the request (gin's c.ShouldBindQuery(&req), fiber v3's c.Bind().Query);
// BindsReceiver, whatever the receiver was made from, which must be the
// request (json.NewDecoder(r.Body).Decode(&req)); an index, that
// argument, which must be the request's (schema's Decode(&req, r.Form)).
type Binder struct{ Dst, From int }

// The sources of a Binder that are not arguments.
const (
	BindsContext  = -1
	BindsReceiver = -2
)

// RequestBinders are the binders of the web frameworks and of the
// standard library's decoders.
var RequestBinders = map[string]Binder{
	"(*github.com/gin-gonic/gin.Context).Bind":                     {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).BindJSON":                 {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).BindXML":                  {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).BindQuery":                {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).BindYAML":                 {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).BindTOML":                 {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).BindHeader":               {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).BindUri":                  {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).BindWith":                 {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).MustBindWith":             {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).ShouldBind":               {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).ShouldBindJSON":           {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).ShouldBindXML":            {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).ShouldBindQuery":          {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).ShouldBindYAML":           {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).ShouldBindTOML":           {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).ShouldBindHeader":         {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).ShouldBindUri":            {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).ShouldBindWith":           {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).ShouldBindBodyWith":       {0, BindsContext},
	"(*github.com/gin-gonic/gin.Context).ShouldBindBodyWithJSON":   {0, BindsContext},
	"(github.com/labstack/echo/v4.Context).Bind":                   {0, BindsContext},
	"(*github.com/labstack/echo/v4.DefaultBinder).Bind":            {0, 1},
	"(*github.com/labstack/echo/v4.DefaultBinder).BindQueryParams": {1, 0},
	"(*github.com/labstack/echo/v4.DefaultBinder).BindPathParams":  {1, 0},
	"(*github.com/labstack/echo/v4.DefaultBinder).BindBody":        {1, 0},
	"(*github.com/labstack/echo/v5.Context).Bind":                  {0, BindsContext},
	"github.com/labstack/echo/v5.BindQueryParams":                  {1, 0},
	"github.com/labstack/echo/v5.BindPathValues":                   {1, 0},
	"github.com/labstack/echo/v5.BindBody":                         {1, 0},
	"(*github.com/gofiber/fiber/v2.Ctx).BodyParser":                {0, BindsContext},
	"(*github.com/gofiber/fiber/v2.Ctx).QueryParser":               {0, BindsContext},
	"(*github.com/gofiber/fiber/v2.Ctx).ParamsParser":              {0, BindsContext},
	"(*github.com/gofiber/fiber/v2.Ctx).ReqHeaderParser":           {0, BindsContext},
	"(*github.com/gofiber/fiber/v3.Bind).Query":                    {0, BindsContext},
	"(*github.com/gofiber/fiber/v3.Bind).Body":                     {0, BindsContext},
	"(*github.com/gofiber/fiber/v3.Bind).JSON":                     {0, BindsContext},
	"(*github.com/gofiber/fiber/v3.Bind).Form":                     {0, BindsContext},
	"(*github.com/gofiber/fiber/v3.Bind).URI":                      {0, BindsContext},
	"(*github.com/gofiber/fiber/v3.Bind).Header":                   {0, BindsContext},
	"(*github.com/gofiber/fiber/v3.Bind).All":                      {0, BindsContext},
	"(*encoding/json.Decoder).Decode":                              {0, BindsReceiver},
	"(*encoding/xml.Decoder).Decode":                               {0, BindsReceiver},
	"encoding/json.Unmarshal":                                      {1, 0},
	"encoding/xml.Unmarshal":                                       {1, 0},
	"(*github.com/gorilla/schema.Decoder).Decode":                  {0, 1},
	"(*github.com/go-playground/form/v4.Decoder).Decode":           {0, 1},
}

// DecoderSources make a decoder that reads the reader at the index.
var DecoderSources = map[string]int{
	"encoding/json.NewDecoder": 0,
	"encoding/xml.NewDecoder":  0,
}

// BindTags are the struct tag keys whose rules binders and validators
// check (gin's binding, go-playground/validator's validate).
var BindTags = []string{"binding", "validate"}

// ClosedRules are validator rules that let through only one of a list of
// constants (oneof=name price) or words of letters and digits: a field
// they check cannot carry SQL.
var ClosedRules = map[string]bool{
	"oneof":    true,
	"alpha":    true,
	"alphanum": true,
	"numeric":  true,
	"number":   true,
	"boolean":  true,
	"uuid":     true,
	"uuid4":    true,
}

// RouteTemplates return the template of the route a request matched, as
// the program registered it ("/users/:id", "/users/{id}"), not the path
// the client sent: a key made of one is one of the program's routes, a
// closed set (per-route metrics), where the raw path is the client's to
// choose. An unmatched request gives "". (Fiber's Route().Path is left
// out: its error handler's fallback route holds the raw path.)
var RouteTemplates = map[string]bool{
	"(*github.com/gin-gonic/gin.Context).FullPath":                  true,
	"(*github.com/go-chi/chi/v5.Context).RoutePattern":              true,
	"(*github.com/gorilla/mux.Route).GetPathTemplate":               true,
	"(github.com/labstack/echo/v4.Context).Path":                    true,
	"(*github.com/labstack/echo/v5.Context).Path":                   true,
	"(*github.com/cloudwego/hertz/pkg/app.RequestContext).FullPath": true,
}

// RouteTemplateFields are the string fields, by the type that holds them,
// that hold the template of the route a request matched (see
// RouteTemplates): net/http's Request.Pattern, set by ServeMux (Go 1.23).
var RouteTemplateFields = map[string]string{
	"net/http.Request": "Pattern",
}

// URLQuery parses a URL's query: of the request's URL, the client's
// parameters (r.URL.Query().Get("sort")).
const URLQuery = "(*net/url.URL).Query"
