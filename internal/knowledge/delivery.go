package knowledge

// JobDeliveryHeaders are the request headers a push queue or a scheduler
// sets on the HTTP request that delivers a job to the handler it targets,
// by their canonical form (net/http.CanonicalHeaderKey), with the service
// that sets them. The queue holds the job durably, calls the handler, and
// retries with backoff until it answers 2xx; no user waits for that
// response. A handler that reads one is written as the queue's worker,
// and the platforms strip or replace these headers on outside requests
// (App Engine), or sign the delivery (QStash), so handlers check them to
// serve the queue alone.
var JobDeliveryHeaders = map[string]string{
	// Cloud Tasks, HTTP targets.
	"X-Cloudtasks-Queuename":            "Cloud Tasks",
	"X-Cloudtasks-Taskname":             "Cloud Tasks",
	"X-Cloudtasks-Taskretrycount":       "Cloud Tasks",
	"X-Cloudtasks-Taskexecutioncount":   "Cloud Tasks",
	"X-Cloudtasks-Tasketa":              "Cloud Tasks",
	"X-Cloudtasks-Taskpreviousresponse": "Cloud Tasks",
	"X-Cloudtasks-Taskretryreason":      "Cloud Tasks",
	// App Engine push queues, and Cloud Tasks' App Engine targets.
	"X-Appengine-Queuename":          "App Engine task queue",
	"X-Appengine-Taskname":           "App Engine task queue",
	"X-Appengine-Taskretrycount":     "App Engine task queue",
	"X-Appengine-Taskexecutioncount": "App Engine task queue",
	"X-Appengine-Tasketa":            "App Engine task queue",
	// Scheduled jobs: App Engine cron and Cloud Scheduler.
	"X-Appengine-Cron":              "App Engine cron",
	"X-Cloudscheduler":              "Cloud Scheduler",
	"X-Cloudscheduler-Jobname":      "Cloud Scheduler",
	"X-Cloudscheduler-Scheduletime": "Cloud Scheduler",
	// Amazon SNS HTTP/S subscriptions.
	"X-Amz-Sns-Message-Type":     "Amazon SNS",
	"X-Amz-Sns-Message-Id":       "Amazon SNS",
	"X-Amz-Sns-Topic-Arn":        "Amazon SNS",
	"X-Amz-Sns-Subscription-Arn": "Amazon SNS",
	// Upstash QStash.
	"Upstash-Signature":   "QStash",
	"Upstash-Message-Id":  "QStash",
	"Upstash-Retried":     "QStash",
	"Upstash-Schedule-Id": "QStash",
}

// JobDeliveryVerifiers check that a request is a queue's signed delivery
// (see JobDeliveryHeaders); the value names the service.
var JobDeliveryVerifiers = map[string]string{
	"(*github.com/upstash/qstash-go.Receiver).Verify": "QStash",
}

// RequestHeaderReaders return a header of the request a handler serves,
// by the name at the index.
var RequestHeaderReaders = map[string]int{
	"(net/http.Header).Get":                                             0,
	"(net/http.Header).Values":                                          0,
	"(*github.com/gin-gonic/gin.Context).GetHeader":                     0,
	"(*github.com/gofiber/fiber/v2.Ctx).Get":                            0,
	"(github.com/gofiber/fiber/v3.Ctx).Get":                             0,
	"(*github.com/gofiber/fiber/v3.DefaultCtx).Get":                     0,
	"(*github.com/cloudwego/hertz/pkg/app.RequestContext).GetHeader":    0,
	"(*github.com/kataras/iris/v12/context.Context).GetHeader":          0,
	"(*github.com/valyala/fasthttp.RequestHeader).Peek":                 0,
	"(*github.com/beego/beego/v2/server/web/context.BeegoInput).Header": 0,
}

// HeaderMap is the type of net/http's headers, a map read by index too:
// r.Header["X-Appengine-Taskname"].
const HeaderMap = "net/http.Header"
