// Package ginserve serves with gin's Run, which serves on a server of no
// timeouts (a table says so: gin is a library the tables describe).
package ginserve

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

func serve() error {
	r := gin.New()
	return r.Run(":8080") // want `^r.Run serves with a server that has no timeouts \(r.Run → &http.Server{Addr, Handler}\): a client that sends its request headers slowly holds a connection and a goroutine forever \(Slowloris\), until the server runs out of them; serve its handler with an http.Server that sets ReadHeaderTimeout instead$`
}

// start serves on the address it is given: reported here, once, not at
// its callers in the package.
func start(r *gin.Engine, addr string) error {
	return r.Run(addr) // want `r.Run serves with a server that has no timeouts`
}

func main() {
	start(gin.New(), ":80")
}

// The engine as the handler of a server with timeouts is the remedy.
func timed() error {
	srv := &http.Server{Addr: ":8080", Handler: gin.New(), ReadHeaderTimeout: 5 * time.Second}
	return srv.ListenAndServe()
}
