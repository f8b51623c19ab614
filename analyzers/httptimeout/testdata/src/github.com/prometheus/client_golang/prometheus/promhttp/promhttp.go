// Package promhttp is a stub of Prometheus' HTTP handlers.
package promhttp

import "net/http"

type HandlerOpts struct{}

func Handler() http.Handler { return nil }

func HandlerFor(reg any, opts HandlerOpts) http.Handler { return nil }

func InstrumentMetricHandler(reg any, handler http.Handler) http.Handler { return handler }
