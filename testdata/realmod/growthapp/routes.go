package growthapp

import (
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gorilla/mux"
	"github.com/labstack/echo/v4"
)

// Per-route metrics keyed by the route's template: one entry per route of
// the program, not per path a client sends.
var (
	mu       sync.Mutex
	ginHits  = map[string]int{}
	chiHits  = map[string]int{}
	muxTimes = map[string]time.Duration{}
	echoHits = map[string]int{}
	keyed    = map[string]int{}
	rawHits  = map[string]int{}
	byMethod = map[string]int{}
)

// OK: gin's FullPath is the route as registered.
func ginMetrics() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Next()
		mu.Lock()
		ginHits[c.FullPath()]++
		mu.Unlock()
	}
}

// OK: chi's RoutePattern.
func chiMetrics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		mu.Lock()
		chiHits[chi.RouteContext(r.Context()).RoutePattern()]++
		mu.Unlock()
	})
}

// OK: gorilla/mux's template, through a variable.
func muxMetrics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		next.ServeHTTP(w, r)
		tpl, _ := mux.CurrentRoute(r).GetPathTemplate()
		mu.Lock()
		muxTimes[tpl] += time.Since(start)
		mu.Unlock()
	})
}

// OK: echo's Path is the registered path, here with a constant prefix.
func echoMetrics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		route := c.Path()
		mu.Lock()
		echoHits["echo "+route]++
		mu.Unlock()
		return err
	}
}

// The raw path is the client's to choose.
func rawMetrics() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Next()
		mu.Lock()
		rawHits[c.Request.URL.Path]++ // want `the package-level map rawHits gets a new entry on every request`
		mu.Unlock()
	}
}

// A variable that holds the route, or else the raw path, is no route.
func fallbackMetrics() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Next()
		key := c.FullPath()
		if key == "" {
			key = c.Request.URL.Path
		}
		mu.Lock()
		keyed[key]++ // want `the package-level map keyed gets a new entry on every request`
		mu.Unlock()
	}
}

// The method is the client's to send, any token it likes.
func methodMetrics() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Next()
		mu.Lock()
		byMethod[c.Request.Method+" "+c.FullPath()]++ // want `the package-level map byMethod gets a new entry on every request`
		mu.Unlock()
	}
}
