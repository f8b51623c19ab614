package shapesapp

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/julienschmidt/httprouter"
)

// Handlers written in tests block as they like.
func TestIdentity(t *testing.T) {
	router := httprouter.New()
	router.GET("/wait", func(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {
		time.Sleep(10 * time.Millisecond)
		db.Query("SELECT 1")
	})
	router.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/wait", nil))
}
