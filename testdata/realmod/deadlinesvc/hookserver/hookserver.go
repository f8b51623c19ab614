// Package hookserver routes the webhooks with the real echo v4, behind
// its Logger and Recover middlewares: no deadline. That echo's own
// middleware package applies http.TimeoutHandler (in its Timeout, which
// is not used here) is a library's, and covers nothing of the program.
package hookserver

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"realmod/deadlinesvc/webhooks"
)

func Router() *echo.Echo {
	e := echo.New()
	e.Use(middleware.Logger(), middleware.Recover())
	e.POST("/hooks", echo.WrapHandler(http.HandlerFunc(webhooks.Receive)))
	return e
}
