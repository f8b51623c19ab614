// Package worker grows package-level collections in long-running loops.
package worker

import "time"

var history []int

func Consume(ch chan int) {
	for v := range ch {
		history = append(history, v) // want `^the package-level slice history grows in the long-running loop of Consume, and nothing in the package ever removes from it`
	}
}

var samples []float64

func Start(tick <-chan time.Time, quit chan struct{}) {
	go func() {
		for {
			select {
			case <-tick:
				sample()
			case <-quit:
				return
			}
		}
	}()
}

func sample() {
	samples = append(samples, 1) // want `the package-level slice samples grows in the long-running loop of Start`
}

var ticks []time.Time

// A goroutine started in init outlives it.
func init() {
	go func() {
		for t := range time.Tick(time.Second) {
			ticks = append(ticks, t) // want `the package-level slice ticks grows in the long-running loop of init`
		}
	}()
}

// OK: a bounded buffer.
var ring []int

func Ring(ch chan int) {
	for v := range ch {
		ring = append(ring, v)
		if len(ring) > 10 {
			ring = ring[len(ring)-10:]
		}
	}
}
