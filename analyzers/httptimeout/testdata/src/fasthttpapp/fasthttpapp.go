// Package fasthttpapp serves with fasthttp, which sets no read deadline
// unless the server's ReadTimeout is set.
package fasthttpapp

import (
	"log"
	"net"
	"time"

	"github.com/valyala/fasthttp"
)

func handle(ctx *fasthttp.RequestCtx) { ctx.SetBodyString("ok") }

func bare() {
	log.Fatal(fasthttp.ListenAndServe(":8080", handle)) // want `^fasthttp.ListenAndServe serves with a fasthttp.Server of no ReadTimeout: fasthttp then sets no read deadline: a client that sends its request slowly holds a connection and a goroutine forever \(Slowloris\), until the server runs out of them; serve with a fasthttp.Server that sets it \(ReadTimeout: 10 \* time.Second\)$`
}

func bareListener(ln net.Listener) {
	log.Fatal(fasthttp.Serve(ln, handle)) // want `^fasthttp.Serve serves with a fasthttp.Server of no ReadTimeout`
}

func idleOnly() {
	srv := &fasthttp.Server{Handler: handle, IdleTimeout: time.Minute} // want `^fasthttp.Server without ReadTimeout, and srv.ListenAndServe serves it: .*; set ReadTimeout \(ReadTimeout: 10 \* time.Second; it bounds reading the whole request, body included\)$`
	log.Fatal(srv.ListenAndServe(":8080"))
}

func direct() {
	log.Fatal((&fasthttp.Server{Handler: handle}).ListenAndServe(":8080")) // want `^fasthttp.Server without ReadTimeout, and \(&fasthttp.Server{…}\).ListenAndServe serves it`
}

func newServer() {
	srv := new(fasthttp.Server) // want `^new\(fasthttp.Server\) has no ReadTimeout, and srv.Serve serves it`
	srv.Handler = handle
	ln, _ := net.Listen("tcp", ":8080")
	log.Fatal(srv.Serve(ln))
}

func zero() {
	var srv fasthttp.Server
	srv.Handler = handle
	log.Fatal(srv.ListenAndServe(":8080")) // want `^the zero fasthttp.Server srv has no ReadTimeout, and srv.ListenAndServe serves it`
}

// OK: ReadTimeout set, in the literal or after it.
func timed() {
	srv := &fasthttp.Server{Handler: handle, ReadTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe(":8080"))
}

func timedLater() {
	srv := &fasthttp.Server{Handler: handle}
	srv.ReadTimeout = 10 * time.Second
	log.Fatal(srv.ListenAndServe(":8080"))
}

func zeroTimed() {
	var srv fasthttp.Server
	srv.Handler, srv.ReadTimeout = handle, 10*time.Second
	log.Fatal(srv.ListenAndServe(":8080"))
}

func newTimed() {
	srv := new(fasthttp.Server)
	srv.ReadTimeout = 10 * time.Second
	log.Fatal(srv.ListenAndServe(":8080"))
}

// OK: loopback, and a server never served here.
func local() { log.Fatal(fasthttp.ListenAndServe("localhost:6060", handle)) }

func build() *fasthttp.Server { return &fasthttp.Server{Handler: handle} }
