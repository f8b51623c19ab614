package knowledge

import (
	"go/types"
	"slices"
	"strings"
	"sync"
)

// This file tells what library calls do when they run: send a statement
// to a database, a command to redis, a request over the network, a
// message to a third-party service; block without a context; do work that
// belongs at start-up.

// dbRoundTrips are the calls that send a statement to a database and wait
// for the answer, keyed by fully qualified name.
var dbRoundTrips = map[string]bool{}

func init() {
	methods := func(recvs []string, names ...string) {
		for _, r := range recvs {
			for _, n := range names {
				dbRoundTrips["("+r+")."+n] = true
			}
		}
	}
	funcs := func(pkg string, names ...string) {
		for _, n := range names {
			dbRoundTrips[pkg+"."+n] = true
		}
	}
	sqlTypes := []string{"*database/sql.DB", "*database/sql.Tx", "*database/sql.Conn"}
	methods(sqlTypes, "QueryContext", "QueryRowContext", "ExecContext", "PrepareContext")
	methods(sqlTypes[:2], "Query", "QueryRow", "Exec", "Prepare")
	methods([]string{"*database/sql.DB"}, "Begin", "BeginTx")
	methods([]string{"*database/sql.Stmt"}, "Query", "QueryContext", "QueryRow", "QueryRowContext", "Exec", "ExecContext")

	sqlx := []string{"*github.com/jmoiron/sqlx.DB", "*github.com/jmoiron/sqlx.Tx"}
	methods(sqlx, "Queryx", "QueryRowx", "Select", "Get", "MustExec", "NamedExec", "NamedQuery",
		"QueryxContext", "QueryRowxContext", "SelectContext", "GetContext", "MustExecContext", "NamedExecContext")
	funcs("github.com/jmoiron/sqlx", "Select", "Get", "SelectContext", "GetContext", "MustExec", "MustExecContext",
		"NamedExec", "NamedQuery", "NamedExecContext", "NamedQueryContext")

	for _, v := range []string{"v4", "v5"} {
		pgx := "github.com/jackc/pgx/" + v
		methods([]string{"*" + pgx + ".Conn", pgx + ".Tx", "*" + pgx + "/pgxpool.Pool", "*" + pgx + "/pgxpool.Conn", "*" + pgx + "/pgxpool.Tx"},
			"Query", "QueryRow", "Exec", "SendBatch", "CopyFrom", "Begin")
	}

	methods([]string{"*gorm.io/gorm.DB"}, "First", "Find", "Take", "Last", "Scan", "Count", "Pluck",
		"Create", "CreateInBatches", "Save", "Update", "Updates", "UpdateColumn", "UpdateColumns",
		"Delete", "Exec", "Row", "Rows", "FirstOrCreate", "FirstOrInit", "FindInBatches")
	methods([]string{"*gorm.io/gorm.Association"}, "Find", "Count", "Append", "Replace", "Delete", "Clear")

	methods([]string{"*xorm.io/xorm.Engine", "*xorm.io/xorm.Session"}, "Get", "Find", "Count", "Insert", "InsertOne",
		"Update", "Delete", "Exist", "Exec", "Query", "QueryString", "QueryInterface", "Iterate",
		"Sum", "Sums", "SumInt", "SumsInt", "FindAndCount")

	// The MongoDB driver (v1 and v2 name them alike): each command is a
	// round trip on a pooled connection whose dialling happens in the
	// pool's own goroutines, so the driver's code shows no network call
	// a caller waits on. A cursor's Next and All are not here: they fetch
	// the rest of a result a batch at a time, not a round trip for each
	// document a loop reads.
	for _, mongo := range []string{"go.mongodb.org/mongo-driver/mongo", "go.mongodb.org/mongo-driver/v2/mongo"} {
		methods([]string{"*" + mongo + ".Collection"}, "Aggregate", "BulkWrite", "CountDocuments", "DeleteMany", "DeleteOne",
			"Distinct", "Drop", "EstimatedDocumentCount", "Find", "FindOne", "FindOneAndDelete", "FindOneAndReplace",
			"FindOneAndUpdate", "InsertMany", "InsertOne", "ReplaceOne", "UpdateByID", "UpdateMany", "UpdateOne", "Watch")
		methods([]string{"*" + mongo + ".Database"}, "Aggregate", "CreateCollection", "CreateView", "Drop", "ListCollectionNames",
			"ListCollectionSpecifications", "ListCollections", "RunCommand", "RunCommandCursor", "Watch")
		methods([]string{"*" + mongo + ".Client"}, "ListDatabaseNames", "ListDatabases", "Ping", "Watch")
		methods([]string{mongo + ".IndexView"}, "CreateMany", "CreateOne", "DropAll", "DropOne", "List", "ListSpecifications")
	}
}

// DBRoundTrip reports whether a call of fn sends a statement to a
// database and waits for the answer, and names the library's package. It
// knows the libraries' own methods, and the methods of interfaces a
// library type implements with the same name and signature (gitea's
// db.Engine, sqlc's DBTX).
func DBRoundTrip(fn *types.Func) (lib string, ok bool) {
	if name := FuncName(fn); dbRoundTrips[name] {
		return PackageOf(name), true
	}
	if recv, ok := implementer(fn, dbRoundTripReceivers()[fn.Name()]); ok {
		return PackageOf("(" + recv + ")." + fn.Name()), true
	}
	return "", false
}

// batchRemedies say, per library, how to make one round trip of many.
var batchRemedies = map[string]string{
	"database/sql":                    "fetch them all with one query (WHERE id = ANY($1) in PostgreSQL, IN (?, ?, ...) elsewhere)",
	"github.com/jmoiron/sqlx":         "fetch them all with one query (sqlx.In with IN (?), or = ANY($1) in PostgreSQL)",
	"github.com/jackc/pgx/v5":         "fetch them all with one query (WHERE id = ANY($1)), or queue them on a pgx.Batch",
	"github.com/jackc/pgx/v5/pgxpool": "fetch them all with one query (WHERE id = ANY($1)), or queue them on a pgx.Batch",
	"github.com/jackc/pgx/v4":         "fetch them all with one query (WHERE id = ANY($1)), or queue them on a pgx.Batch",
	"github.com/jackc/pgx/v4/pgxpool": "fetch them all with one query (WHERE id = ANY($1)), or queue them on a pgx.Batch",
	"gorm.io/gorm":                    "load them together (Where(\"id IN ?\", ids), or Preload the association)",
	"xorm.io/xorm":                    "load them together (In(\"id\", ids))",
	"github.com/redis/go-redis/v9":    "send them together (a pipeline: rdb.Pipelined, or MGet/MSet)",
	"github.com/go-redis/redis/v8":    "send them together (a pipeline: rdb.Pipelined, or MGet/MSet)",

	"go.mongodb.org/mongo-driver/mongo":    "fetch them all with one query (a filter of {_id: {$in: ids}})",
	"go.mongodb.org/mongo-driver/v2/mongo": "fetch them all with one query (a filter of {_id: {$in: ids}})",
}

// BatchRemedy says how to replace one round trip per item by one for all,
// for the library in package lib.
func BatchRemedy(lib string) string {
	if r, ok := batchRemedies[lib]; ok {
		return r
	}
	return "fetch them all with one query (WHERE id = ANY($1), or IN (...)), or batch them"
}

// writeMethods are the round trips that change rows rather than read them.
var writeMethods = []string{"Exec", "MustExec", "NamedExec", "Insert", "Update", "Delete", "Create", "Save", "CopyFrom"}

// IsWrite reports whether the round trip named name (a method name, or a
// chain link ending in one) writes rows.
func IsWrite(name string) bool {
	method := name[strings.LastIndex(name, ".")+1:]
	for _, w := range writeMethods {
		if strings.HasPrefix(method, w) {
			return true
		}
	}
	return false
}

// IsInsert reports whether the round trip named name (a method name, or
// a chain link ending in one) inserts rows: Insert, Create.
func IsInsert(name string) bool {
	method := name[strings.LastIndex(name, ".")+1:]
	return strings.HasPrefix(method, "Insert") || strings.HasPrefix(method, "Create")
}

// IsUpdate reports whether the round trip named name (a method name, or
// a chain link ending in one) updates rows in place: Update, Updates,
// Save, rather than inserting or deleting them.
func IsUpdate(name string) bool {
	method := name[strings.LastIndex(name, ".")+1:]
	return strings.HasPrefix(method, "Update") || strings.HasPrefix(method, "Save")
}

// writeRemedies say, per library, how to write many rows in one round trip.
var writeRemedies = map[string]string{
	"gorm.io/gorm":            "write them together (Create with a slice, CreateInBatches, or one Updates with WHERE id IN ?)",
	"xorm.io/xorm":            "write them together (Insert with a slice, or one Update with In(\"id\", ids))",
	"github.com/jackc/pgx/v5": "write them together (CopyFrom, a pgx.Batch, or one statement with = ANY($1))",
	"github.com/jackc/pgx/v4": "write them together (CopyFrom, a pgx.Batch, or one statement with = ANY($1))",

	"go.mongodb.org/mongo-driver/mongo":    "write them together (InsertMany, or one BulkWrite)",
	"go.mongodb.org/mongo-driver/v2/mongo": "write them together (InsertMany, or one BulkWrite)",
}

// WriteRemedy says how to replace one write per item by one for all.
func WriteRemedy(lib string) string {
	if r, ok := writeRemedies[lib]; ok {
		return r
	}
	if strings.HasPrefix(lib, "github.com/jackc/pgx/") {
		return writeRemedies["github.com/jackc/pgx/v5"]
	}
	return "write them together (one multi-row INSERT, or one UPDATE or DELETE with WHERE id = ANY($1) or IN (...))"
}

// GraphQLPackages are the GraphQL server libraries: a resolver's N+1 is
// solved with a DataLoader.
var GraphQLPackages = []string{
	"github.com/99designs/gqlgen/graphql",
	"github.com/graph-gophers/graphql-go",
	"github.com/graphql-go/graphql",
}

var dbRoundTripReceivers = sync.OnceValue(func() map[string][]string { return receiversByMethod(dbRoundTrips) })

// receiversByMethod indexes the methods of a table by method name:
// "Get" → ["*xorm.io/xorm.Session", ...].
func receiversByMethod[V any](table map[string]V) map[string][]string {
	m := make(map[string][]string)
	for name := range table {
		if recv, method, ok := strings.Cut(strings.TrimPrefix(name, "("), ")."); ok && strings.HasPrefix(name, "(") {
			m[method] = append(m[method], recv)
		}
	}
	for _, recvs := range m {
		slices.Sort(recvs)
	}
	return m
}

// implementer returns the receiver, among recvs (as the tables spell
// them), whose method named like fn, a method of an interface, has fn's
// signature: calls through the interface reach that library. The
// receiver's package must be one the interface's package imports.
func implementer(fn *types.Func, recvs []string) (string, bool) {
	sig := fn.Signature()
	if sig.Recv() == nil || fn.Pkg() == nil || !types.IsInterface(sig.Recv().Type()) {
		return "", false
	}
	for _, recv := range recvs {
		base := strings.TrimPrefix(recv, "*")
		dot := strings.LastIndex(base, ".")
		pkgPath, typeName := base[:dot], base[dot+1:]
		for _, imp := range fn.Pkg().Imports() {
			if imp.Path() != pkgPath {
				continue
			}
			tn, ok := imp.Scope().Lookup(typeName).(*types.TypeName)
			if !ok {
				continue
			}
			t := tn.Type()
			if strings.HasPrefix(recv, "*") {
				t = types.NewPointer(t)
			}
			obj, _, _ := types.LookupFieldOrMethod(t, true, imp, fn.Name())
			if m, ok := obj.(*types.Func); ok && sameSignature(m.Signature(), sig) {
				return recv, true
			}
		}
	}
	return "", false
}

// redisCommandReceivers are the receiver types whose methods are redis
// commands: each call is one round trip, unless it is made on a pipeline.
var redisCommandReceivers = map[string]bool{
	"github.com/redis/go-redis/v9.cmdable":         true,
	"github.com/redis/go-redis/v9.statefulCmdable": true,
	"github.com/redis/go-redis/v9.Cmdable":         true,
	"github.com/redis/go-redis/v9.StatefulCmdable": true,
	"github.com/redis/go-redis/v9.UniversalClient": true,
	"github.com/go-redis/redis/v8.cmdable":         true,
	"github.com/go-redis/redis/v8.statefulCmdable": true,
	"github.com/go-redis/redis/v8.Cmdable":         true,
	"github.com/go-redis/redis/v8.StatefulCmdable": true,
	"github.com/go-redis/redis/v8.UniversalClient": true,
}

// redisNotCommands are methods of those receivers that send nothing.
var redisNotCommands = map[string]bool{
	"Pipeline": true, "Pipelined": true, "TxPipeline": true, "TxPipelined": true,
	"Subscribe": true, "PSubscribe": true, "SSubscribe": true, "Close": true,
	"Options": true, "PoolStats": true, "AddHook": true, "Context": true, "WithContext": true,
	"Watch": true, "Conn": true, "String": true,
}

// RedisBlocking are the redis commands that wait on the server for as
// long as they are told to (or, with a zero timeout, forever): go-redis
// stretches its read deadline by their timeout. Every other command is
// bounded by the client's read and write timeouts (3 s by default), so a
// context.Background() under it cannot hold a request for long.
var RedisBlocking = map[string]bool{
	"BLPop": true, "BRPop": true, "BRPopLPush": true, "BLMove": true, "BLMPop": true,
	"BZPopMin": true, "BZPopMax": true, "BZMPop": true,
	"XRead": true, "XReadGroup": true, "XReadStreams": true,
	"Wait": true, "WaitAOF": true,
}

// RedisBatchTypes are the receivers whose commands are queued and sent
// together: a loop of them is one round trip.
var RedisBatchTypes = map[string]bool{
	"github.com/redis/go-redis/v9.Pipeliner": true,
	"*github.com/redis/go-redis/v9.Pipeline": true,
	"github.com/go-redis/redis/v8.Pipeliner": true,
	"*github.com/go-redis/redis/v8.Pipeline": true,
}

// RedisPackage returns the go-redis package of a redis command method, or "".
func RedisPackage(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv == nil || redisNotCommands[fn.Name()] {
		return ""
	}
	name := strings.TrimPrefix(TypeName(recv.Type()), "*")
	if !redisCommandReceivers[name] {
		return ""
	}
	return name[:strings.LastIndex(name, ".")]
}

// networkCalls send a request over the network and wait for the answer.
var networkCalls = map[string]bool{
	"(*net/http.Client).Do":       true,
	"(*net/http.Client).Get":      true,
	"(*net/http.Client).Head":     true,
	"(*net/http.Client).Post":     true,
	"(*net/http.Client).PostForm": true,
	"net/http.Get":                true,
	"net/http.Head":               true,
	"net/http.Post":               true,
	"net/http.PostForm":           true,
	// A round trip is a request sent and answered: what a retrying
	// transport, or code that sends on a transport, calls.
	"(net/http.RoundTripper).RoundTrip": true,
	"(*net/http.Transport).RoundTrip":   true,
	// A queue's receive: a consumer's call to the queue service.
	"(*github.com/aws/aws-sdk-go/service/sqs.SQS).ReceiveMessage":            true,
	"(*github.com/aws/aws-sdk-go/service/sqs.SQS).ReceiveMessageWithContext": true,
	"net.Dial":                  true,
	"net.DialTimeout":           true,
	"(*net.Dialer).Dial":        true,
	"(*net.Dialer).DialContext": true,
	"(*google.golang.org/grpc.ClientConn).Invoke":    true,
	"(*google.golang.org/grpc.ClientConn).NewStream": true,
	// What protoc-gen-go-grpc's client methods call: the generated client
	// holds the connection as this interface.
	"(google.golang.org/grpc.ClientConnInterface).Invoke":    true,
	"(google.golang.org/grpc.ClientConnInterface).NewStream": true,
	// What protoc-gen-connect-go's client methods call.
	"(*connectrpc.com/connect.Client[Req, Res]).CallUnary":        true,
	"(*connectrpc.com/connect.Client[Req, Res]).CallClientStream": true,
	"(*connectrpc.com/connect.Client[Req, Res]).CallServerStream": true,
	"(*connectrpc.com/connect.Client[Req, Res]).CallBidiStream":   true,
}

// IsNetworkCall reports whether a call of fn waits on another service
// over the network.
func IsNetworkCall(fn *types.Func) bool { return networkCalls[FuncName(fn)] || SDKOperation(fn) }

// AWSServices is the prefix of the import paths of the AWS SDK v2's
// service packages (sns, s3, sqs, dynamodb, ...), each generated with a
// Client whose every operation sends a request to the service and waits
// for the answer: (*sns.Client).ListTopics(ctx, *sns.ListTopicsInput,
// ...func(*sns.Options)) (*sns.ListTopicsOutput, error). The request goes
// down a middleware stack put together at run time, which facts cannot
// follow through the SDK's code: the generated shape names every
// operation of every service instead.
const AWSServices = "github.com/aws/aws-sdk-go-v2/service/"

// SDKOperation reports whether fn is an operation of an AWS SDK v2
// service: a method of its Client, or of an interface the program
// declares with the same method (to mock the client in tests), or a
// paginator's NextPage, which sends the operation for the next page.
func SDKOperation(fn *types.Func) bool {
	sig := fn.Signature()
	params, results := sig.Params(), sig.Results()
	if sig.Recv() == nil || !sig.Variadic() || params.Len() < 2 || results.Len() != 2 ||
		TypeName(params.At(0).Type()) != ContextType || TypeName(results.At(1).Type()) != "error" {
		return false
	}
	out := TypeName(results.At(0).Type()) // *github.com/aws/aws-sdk-go-v2/service/sns.ListTopicsOutput
	dot := strings.LastIndex(out, ".")
	if dot < 0 || !strings.HasPrefix(out, "*"+AWSServices) {
		return false
	}
	svc := out[1:dot]
	op, ok := strings.CutSuffix(out[dot+1:], "Output")
	if !ok || TypeName(params.At(params.Len()-1).Type()) != "[]func(*"+svc+".Options)" {
		return false
	}
	recv := sig.Recv().Type()
	switch {
	case params.Len() == 3 && fn.Name() == op && TypeName(params.At(1).Type()) == "*"+svc+"."+op+"Input":
		return TypeName(recv) == "*"+svc+".Client" || types.IsInterface(recv)
	case params.Len() == 2 && fn.Name() == "NextPage":
		return TypeName(recv) == "*"+svc+"."+op+"Paginator"
	}
	return false
}

// Messaging are the calls that send an email, SMS or notification through
// a third-party service and wait for it, where no client type or package
// of MessagingClients names them; the value names the service.
var Messaging = map[string]string{
	"net/smtp.SendMail":                                 "SMTP",
	"(*net/smtp.Client).Data":                           "SMTP",
	"(*github.com/go-gomail/gomail.Dialer).DialAndSend": "SMTP",
	// gomail's other way: s, _ := d.Dial(); gomail.Send(s, m), or
	// s.Send(from, to, msg) on the connection it dialed.
	"gopkg.in/gomail.v2.Send":                         "SMTP",
	"(gopkg.in/gomail.v2.Sender).Send":                "SMTP",
	"github.com/go-gomail/gomail.Send":                "SMTP",
	"(github.com/go-gomail/gomail.Sender).Send":       "SMTP",
	"(*github.com/mailgun/mailgun-go/v5.Client).Send": "Mailgun",
}

// MessagingClient says which calls of a messaging SDK's client send: the
// methods (or, for a package, the functions) whose names start with one
// of Sends, but for those that end with Builds (a request built to be
// sent later: aws-sdk-go's SendEmailRequest).
type MessagingClient struct {
	Service string
	Sends   []string
	Builds  string
}

// MessagingClients are the messaging SDKs' clients, by type: every
// variant of a send is a send (SendEmail, SendEmailWithContext,
// SendTemplatedEmail, SendBulkEmail), with a context or not, and the
// SDK's own code is not looked into: what it does inside (a context-less
// request) is no caller's to change.
var MessagingClients = map[string]MessagingClient{
	"*github.com/sendgrid/sendgrid-go.Client":                {Service: "SendGrid", Sends: []string{"Send"}},
	"*github.com/mailgun/mailgun-go/v4.MailgunImpl":          {Service: "Mailgun", Sends: []string{"Send"}},
	"*github.com/wneessen/go-mail.Client":                    {Service: "SMTP", Sends: []string{"DialAndSend", "Send"}},
	"*gopkg.in/gomail.v2.Dialer":                             {Service: "SMTP", Sends: []string{"DialAndSend"}},
	"*github.com/twilio/twilio-go/rest/api/v2010.ApiService": {Service: "Twilio", Sends: []string{"Create"}},
	"*github.com/twilio/twilio-go/rest/verify/v2.ApiService": {Service: "Twilio", Sends: []string{"Create"}},
	"*github.com/aws/aws-sdk-go/service/ses.SES":             {Service: "AWS SES", Sends: []string{"Send"}, Builds: "Request"},
	"*github.com/aws/aws-sdk-go/service/sns.SNS":             {Service: "AWS SNS", Sends: []string{"Publish"}, Builds: "Request"},
	"*github.com/aws/aws-sdk-go-v2/service/ses.Client":       {Service: "AWS SES", Sends: []string{"Send"}},
	"*github.com/aws/aws-sdk-go-v2/service/sesv2.Client":     {Service: "AWS SES", Sends: []string{"Send"}},
	"*github.com/aws/aws-sdk-go-v2/service/sns.Client":       {Service: "AWS SNS", Sends: []string{"Publish"}},
}

// MessagingPackages are the messaging SDKs whose sends are functions of
// the package (sendgrid.API), as MessagingClients are methods.
var MessagingPackages = map[string]MessagingClient{
	"github.com/sendgrid/sendgrid-go": {Service: "SendGrid", Sends: []string{"API", "MakeRequest"}},
}

// MessagingSend returns the service a call of fn sends a message through,
// if it does (see Messaging and MessagingClients).
func MessagingSend(fn *types.Func) (string, bool) {
	if service, ok := Messaging[FuncName(fn)]; ok {
		return service, true
	}
	if fn.Pkg() == nil {
		return "", false
	}
	c, ok := MessagingPackages[fn.Pkg().Path()]
	if recv := fn.Signature().Recv(); recv != nil {
		c, ok = MessagingClients[TypeName(recv.Type())]
	}
	if !ok || c.Builds != "" && strings.HasSuffix(fn.Name(), c.Builds) {
		return "", false
	}
	for _, p := range c.Sends {
		if strings.HasPrefix(fn.Name(), p) {
			return c.Service, true
		}
	}
	return "", false
}

// ContextVariant is the context-taking form of a call that has none.
type ContextVariant struct {
	Name string // the variant's name: QueryContext, NewRequestWithContext
	// More is source text appended to the arguments: BeginTx takes options.
	More string
	// Remote is set when the call (or the request it builds) waits on
	// another service over the network, as long as that service takes.
	Remote bool
	// Rows is set when the call returns rows, as many as the data holds
	// (a scan), rather than one row or one statement's result.
	Rows bool
	// Sends is set when the call builds a request inside and sends it on
	// its receiver, an *http.Client (client.Get): the variant is written
	// rather than renamed to.
	Sends bool
	// Method is set when the variant is a method of a value the call does
	// not have, as FuncName spells it: net.LookupMX's is
	// (*net.Resolver).LookupMX, called on net.DefaultResolver.
	Method string
	// On is the receiver a suggested fix writes before Method's name, %s
	// standing for the name the file imports the package by: with
	// "%s.DefaultResolver", net.LookupMX(name) becomes
	// net.DefaultResolver.LookupMX(ctx, name). Empty when no rewrite does
	// at run time what the call did: net.LookupIP's variant takes a
	// network, net.DialTimeout's takes its timeout in the dialer.
	On string
	// TimedBy is the rule of the receiver whose timeout bounds the call
	// (an http.Client's, a net.Dialer's): set short and constant where
	// the receiver is built, it cannot outlive its handler by more than
	// that, and the context it lacks does not matter.
	TimedBy *FieldRule
	// TimeoutArg, when positive, is the position (from 1) of the argument
	// that bounds the call the same way: net.DialTimeout's timeout.
	TimeoutArg int
	// Connects is set when the call opens a connection: to a host that
	// does not answer, it waits for its timeout, or without one for the
	// system's connect timeout (minutes on Linux).
	Connects bool
	// Resolves is set when the call asks the system's resolver: when DNS
	// is slow or down, it waits out the resolver's timeouts and retries,
	// seconds for each name it tries (each search domain in turn).
	Resolves bool
}

// ContextVariants maps a context-less call that does I/O to the variant
// that takes a context first.
var ContextVariants = map[string]ContextVariant{
	"net/http.NewRequest":      {Name: "NewRequestWithContext", Remote: true},
	"os/exec.Command":          {Name: "CommandContext"},
	"(*database/sql.DB).Begin": {Name: "BeginTx", More: ", nil"},
	"(*database/sql.DB).Ping":  {Name: "PingContext"},
	// What http.NewRequest and Do do, in one call: the same request that
	// cannot be cancelled.
	"(*net/http.Client).Get":      {Name: "http.NewRequestWithContext and Do", Remote: true, Sends: true, TimedBy: &ClientTimeout},
	"(*net/http.Client).Head":     {Name: "http.NewRequestWithContext and Do", Remote: true, Sends: true, TimedBy: &ClientTimeout},
	"(*net/http.Client).Post":     {Name: "http.NewRequestWithContext and Do", Remote: true, Sends: true, TimedBy: &ClientTimeout},
	"(*net/http.Client).PostForm": {Name: "http.NewRequestWithContext and Do", Remote: true, Sends: true, TimedBy: &ClientTimeout},
	// A dial without a deadline: net.Dial is a zero Dialer's Dial, and
	// net.DialTimeout one given the timeout.
	"net.Dial":           {Name: "(&net.Dialer{}).DialContext", Method: "(*net.Dialer).DialContext", On: "(&%s.Dialer{})", Remote: true, Connects: true},
	"net.DialTimeout":    {Name: "(&net.Dialer{Timeout: timeout}).DialContext", Method: "(*net.Dialer).DialContext", Remote: true, Connects: true, TimeoutArg: 3},
	"(*net.Dialer).Dial": {Name: "DialContext", Remote: true, Connects: true, TimedBy: &DialerTimeout},
	// net.LookupIP(host) is DefaultResolver.LookupIP(ctx, "ip", host) but
	// for the address "::", to which the latter adds 0.0.0.0: no fix.
	"net.LookupIP": {Name: "net.DefaultResolver.LookupIP", Method: "(*net.Resolver).LookupIP", Remote: true, Resolves: true},
}

// rowMethods are the database methods that return rows as many as the
// data holds.
var rowMethods = map[string]bool{"Query": true, "Queryx": true, "Select": true}

func init() {
	for _, r := range []string{"*database/sql.DB", "*database/sql.Tx"} {
		for _, m := range []string{"Query", "QueryRow", "Exec", "Prepare"} {
			ContextVariants["("+r+")."+m] = ContextVariant{Name: m + "Context", Rows: rowMethods[m]}
		}
	}
	// Each of net's lookups is the default resolver's, under
	// context.Background().
	for _, m := range []string{"LookupHost", "LookupPort", "LookupCNAME", "LookupSRV", "LookupMX", "LookupNS", "LookupTXT", "LookupAddr"} {
		ContextVariants["net."+m] = ContextVariant{Name: "net.DefaultResolver." + m, Method: "(*net.Resolver)." + m, On: "%s.DefaultResolver", Remote: true, Resolves: true}
	}
	for _, m := range []string{"Query", "QueryRow", "Exec"} {
		ContextVariants["(*database/sql.Stmt)."+m] = ContextVariant{Name: m + "Context", Rows: rowMethods[m]}
	}
	for _, r := range []string{"*github.com/jmoiron/sqlx.DB", "*github.com/jmoiron/sqlx.Tx"} {
		for _, m := range []string{"Queryx", "QueryRowx", "Select", "Get", "MustExec", "NamedExec"} {
			ContextVariants["("+r+")."+m] = ContextVariant{Name: m + "Context", Rows: rowMethods[m]}
		}
	}
}

// ContextSetters return a copy of their receiver that carries the context
// given as the argument at the index: a request made by http.NewRequest
// and then given the request's context has a context after all.
var ContextSetters = map[string]int{
	"(*net/http.Request).WithContext": 0,
	"(*net/http.Request).Clone":       0,
}

// ScanVariant reports whether the context variant named name returns
// rows as many as the data holds (QueryContext, SelectContext): a scan,
// not a point lookup or a single statement.
func ScanVariant(name string) bool { return VariantNamed(name).Rows }

// VariantNamed returns the context variant named name, as effects carry
// it: what the call it replaces waits on.
func VariantNamed(name string) ContextVariant {
	for _, v := range ContextVariants {
		if v.Name == name {
			return v
		}
	}
	return ContextVariant{}
}

// Detachers return a context that no request can cancel.
var Detachers = map[string]bool{
	"context.Background": true,
	"context.TODO":       true,
}

// DeliberateDetachers return a context that keeps its parent's values
// but not its cancellation: code that calls one detaches on purpose.
var DeliberateDetachers = map[string]bool{
	"context.WithoutCancel": true,
}

// ContextErr is the method that tells whether a context is done.
const ContextErr = "(context.Context).Err"

// ErrorsIs tells whether an error is, or wraps, a given one: a test of
// an error's kind.
const ErrorsIs = "errors.Is"

// RequestContext is the method that gives the context of a request: of a
// request being served, the one that ends when its client leaves.
const RequestContext = "(*net/http.Request).Context"

// ContextDerivers return a context derived from their first argument: it
// is cancelled when that one is.
var ContextDerivers = map[string]bool{
	"context.WithTimeout":       true,
	"context.WithDeadline":      true,
	"context.WithCancel":        true,
	"context.WithValue":         true,
	"context.WithTimeoutCause":  true,
	"context.WithDeadlineCause": true,
	"context.WithCancelCause":   true,
}

// Elapsed is the function that tells how long ago a time was: a method
// that returns early while time.Since(x.checked) is short refreshes a
// cache at most once per period.
const Elapsed = "time.Since"

// Sleepers block the calling goroutine for a while, whatever the request.
var Sleepers = map[string]bool{
	"time.Sleep": true,
}

// StartupWork is work that gives the same result every time for constant
// arguments: parsing a regular expression or a template. The value is the
// kind of thing it builds, for messages.
var StartupWork = map[string]string{
	"regexp.MustCompile":                   "regular expression",
	"regexp.Compile":                       "regular expression",
	"regexp.MustCompilePOSIX":              "regular expression",
	"html/template.ParseFiles":             "template",
	"html/template.ParseGlob":              "template",
	"text/template.ParseFiles":             "template",
	"text/template.ParseGlob":              "template",
	"(*html/template.Template).ParseFiles": "template",
	"(*html/template.Template).ParseGlob":  "template",
	"(*text/template.Template).ParseFiles": "template",
	"(*text/template.Template).ParseGlob":  "template",
}

// StartupWrappers take what StartupWork built and panic on its error:
// template.Must(template.ParseFiles(...)) is hoisted whole.
var StartupWrappers = map[string]bool{
	"html/template.Must": true,
	"text/template.Must": true,
}

// Statements are database/sql's prepared statements: where they are
// prepared on the pool itself (once, reused by every call), and the
// methods that run one. A statement prepared on the pool and run in a
// loop is still a round trip per item.
var (
	PoolPrepares = map[string]bool{
		"(*database/sql.DB).Prepare":        true,
		"(*database/sql.DB).PrepareContext": true,
	}
	StatementType = "*database/sql.Stmt"
)

// Mutexes are the lock types whose Lock, held across I/O, serializes the
// requests that take it.
var Mutexes = map[string]bool{
	"sync.Mutex":   true,
	"sync.RWMutex": true,
}

// IsCacheLoader reports whether fn is a cache's get-or-load: a function
// of a cache package (cache.GetString(key, load)) or one named like it
// (GetOrLoad, Remember, getCached). The function it is handed runs on a
// miss, not on every call.
func IsCacheLoader(fn *types.Func) bool {
	if fn.Pkg() != nil && strings.Contains(strings.ToLower(fn.Pkg().Name()), "cache") {
		return true
	}
	name := strings.ToLower(fn.Name())
	for _, w := range []string{"cache", "orload", "orcompute", "orset", "orstore", "remember", "memo"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// OnceRunners run the function they are given at most once per process:
// what it does is not what each call does.
var OnceRunners = map[string]bool{
	"(*sync.Once).Do": true,
	"sync.OnceFunc":   true,
	"sync.OnceValue":  true,
	"sync.OnceValues": true,
}

// AsyncRunners run the functions they are given in a goroutine of a
// pool's and return at once, without waiting for them: the caller goes on
// as after a go statement. Their code cannot tell (the task is queued for
// a worker started elsewhere), so they are named. Pools whose Go is waited
// for (errgroup, conc) are not.
var AsyncRunners = map[string]bool{
	"github.com/bytedance/gopkg/util/gopool.Go":           true,
	"github.com/bytedance/gopkg/util/gopool.CtxGo":        true,
	"(github.com/bytedance/gopkg/util/gopool.Pool).Go":    true,
	"(github.com/bytedance/gopkg/util/gopool.Pool).CtxGo": true,
	"github.com/panjf2000/ants/v2.Submit":                 true,
	"(*github.com/panjf2000/ants/v2.Pool).Submit":         true,
	"(*github.com/panjf2000/ants/v2.MultiPool).Submit":    true,
}

// GiveUpCalls return a channel that a select receives from to stop
// waiting: the context is done (the client left, or its deadline passed),
// or the time is up. TimerTypes have such a channel in their C field.
var (
	GiveUpCalls = map[string]bool{
		"(context.Context).Done": true,
		"time.After":             true,
	}
	TimerTypes = map[string]bool{
		"time.Timer": true,
	}
)

// Clock are the time package's functions that read the clock: Since and
// Until measure how long ago, or until, a time is (Elapsed), Now reads it.
// A test of package-level state against one is a cache's staleness test
// (if time.Since(loaded) > time.Minute { reload }).
var Clock = map[string]struct{ Elapsed bool }{
	"time.Since": {Elapsed: true},
	"time.Until": {Elapsed: true},
	"time.Now":   {},
}

// ContextType is the type of a context: what a call is cancelled with.
const ContextType = "context.Context"

// DurationType is the type of a timeout or a delay.
const DurationType = "time.Duration"

// RoundTripperType is what an http.Client sends with: a Transport, or a
// wrapper of one.
const RoundTripperType = "net/http.RoundTripper"

// TimeType is the type whose methods (After, Sub, Add) compare and shift
// times.
const TimeType = "time.Time"

// ServedRequestField is the field of an *http.Request that only a request
// being served has: http.Client refuses a request that sets it, so a
// request built with http.NewRequest that sets it is served in-process.
const ServedRequestField = "RequestURI"

// ioRoots are the standard library's packages through which a program
// reaches a database, another service or a message service.
var ioRoots = map[string]bool{
	"database/sql": true,
	"net":          true, // net/http, net/rpc and every client library import it
	"net/smtp":     true,
	"os/exec":      true,
}

// ReachesIO reports whether a package is where I/O starts: a package of
// the standard library that talks to the outside, or a library the
// tables describe. A package that imports none of them, directly or
// not, can do no I/O, and its facts need no computing.
func ReachesIO(path string) bool {
	if ioRoots[path] {
		return true
	}
	root, _, _ := strings.Cut(path, "/")
	return !stdRoots[root] && described(path)
}

// Transactions start a database transaction, or run a function in one: a
// function that calls one makes its work atomic, a unit of its own.
var Transactions = map[string]bool{
	"(*database/sql.DB).Begin":                          true,
	"(*database/sql.DB).BeginTx":                        true,
	"(*database/sql.Conn).BeginTx":                      true,
	"(*github.com/jmoiron/sqlx.DB).Beginx":              true,
	"(*github.com/jmoiron/sqlx.DB).BeginTxx":            true,
	"(*github.com/jmoiron/sqlx.DB).MustBegin":           true,
	"(*github.com/jmoiron/sqlx.DB).MustBeginTx":         true,
	"github.com/jackc/pgx/v5.BeginFunc":                 true,
	"github.com/jackc/pgx/v5.BeginTxFunc":               true,
	"(*github.com/jackc/pgx/v5.Conn).Begin":             true,
	"(*github.com/jackc/pgx/v5.Conn).BeginTx":           true,
	"(*github.com/jackc/pgx/v5/pgxpool.Pool).Begin":     true,
	"(*github.com/jackc/pgx/v5/pgxpool.Pool).BeginTx":   true,
	"(*github.com/jackc/pgx/v4.Conn).Begin":             true,
	"(*github.com/jackc/pgx/v4.Conn).BeginTx":           true,
	"(*github.com/jackc/pgx/v4/pgxpool.Pool).Begin":     true,
	"(*github.com/jackc/pgx/v4/pgxpool.Pool).BeginTx":   true,
	"(*github.com/jackc/pgx/v4/pgxpool.Pool).BeginFunc": true,
	"(*gorm.io/gorm.DB).Begin":                          true,
	"(*gorm.io/gorm.DB).Transaction":                    true,
	"(*xorm.io/xorm.Session).Begin":                     true,
	"(*xorm.io/xorm.Engine).Transaction":                true,
	"(*github.com/uptrace/bun.DB).BeginTx":              true,
	"(*github.com/uptrace/bun.DB).RunInTx":              true,
}

// OutsideWork is work a function does outside the database that makes
// each call of it a job of its own: running a process (git, an image
// converter), writing or removing files, deleting an object in object
// storage, building an archive. The value says what,
// for messages.
var OutsideWork = map[string]string{
	"os/exec.Command":        "runs a process",
	"os/exec.CommandContext": "runs a process",
	"os.Create":              "writes files",
	"os.CreateTemp":          "writes files",
	"os.WriteFile":           "writes files",
	"os.OpenFile":            "writes files",
	"os.Remove":              "removes files",
	"os.RemoveAll":           "removes files",
	// An object in object storage is a file elsewhere: deleting one is a
	// request of its own per object, whatever the rows do.
	"(*github.com/aws/aws-sdk-go-v2/service/s3.Client).DeleteObject": "deletes an object in object storage",
	"(*github.com/minio/minio-go/v7.Client).RemoveObject":            "deletes an object in object storage",
	"(*cloud.google.com/go/storage.ObjectHandle).Delete":             "deletes an object in object storage",
	"archive/zip.NewWriter":                                          "builds an archive",
	"archive/tar.NewWriter":                                          "builds an archive",
	"compress/gzip.NewWriter":                                        "builds an archive",
	"compress/gzip.NewWriterLevel":                                   "builds an archive",
}

// SchemaChanges are the methods of query builders that build and run
// DDL (dbx's AddColumn is ALTER TABLE ... ADD ...): a loop that calls one
// per table or column changes the schema, which no single statement
// replaces. SQL text the program writes says so itself.
var SchemaChanges = map[string]bool{
	"(github.com/pocketbase/dbx.Builder).AddColumn":         true,
	"(github.com/pocketbase/dbx.Builder).AlterColumn":       true,
	"(github.com/pocketbase/dbx.Builder).DropColumn":        true,
	"(github.com/pocketbase/dbx.Builder).RenameColumn":      true,
	"(github.com/pocketbase/dbx.Builder).CreateTable":       true,
	"(github.com/pocketbase/dbx.Builder).DropTable":         true,
	"(github.com/pocketbase/dbx.Builder).RenameTable":       true,
	"(github.com/pocketbase/dbx.Builder).TruncateTable":     true,
	"(github.com/pocketbase/dbx.Builder).CreateIndex":       true,
	"(github.com/pocketbase/dbx.Builder).CreateUniqueIndex": true,
	"(github.com/pocketbase/dbx.Builder).DropIndex":         true,
	"(github.com/pocketbase/dbx.Builder).AddPrimaryKey":     true,
	"(github.com/pocketbase/dbx.Builder).DropPrimaryKey":    true,
	"(github.com/pocketbase/dbx.Builder).AddForeignKey":     true,
	"(github.com/pocketbase/dbx.Builder).DropForeignKey":    true,
	"(gorm.io/gorm.Migrator).AutoMigrate":                   true,
	"(gorm.io/gorm.Migrator).CreateTable":                   true,
	"(gorm.io/gorm.Migrator).DropTable":                     true,
	"(gorm.io/gorm.Migrator).RenameTable":                   true,
	"(gorm.io/gorm.Migrator).AddColumn":                     true,
	"(gorm.io/gorm.Migrator).DropColumn":                    true,
	"(gorm.io/gorm.Migrator).AlterColumn":                   true,
	"(gorm.io/gorm.Migrator).RenameColumn":                  true,
	"(gorm.io/gorm.Migrator).CreateIndex":                   true,
	"(gorm.io/gorm.Migrator).DropIndex":                     true,
	"(gorm.io/gorm.Migrator).CreateView":                    true,
	"(gorm.io/gorm.Migrator).DropView":                      true,
}

// ContextCarriers are the types of a library whose values carry the
// context the program gave them (pop's connection, made by WithContext or
// handed to a transaction's function): what a call on one does inside the
// library runs under that context, not without one.
var ContextCarriers = map[string]bool{
	"*github.com/gobuffalo/pop/v6.Connection": true,
	"*github.com/gobuffalo/pop/v6.Query":      true,
	"*github.com/gobuffalo/pop/v5.Connection": true,
	"*github.com/gobuffalo/pop/v5.Query":      true,
}
