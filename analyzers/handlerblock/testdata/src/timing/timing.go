// Package timing draws delays at random, as kratos's x.RandomDelay does.
package timing

import (
	"math"
	"math/rand"
	"time"
)

var rnd = rand.New(rand.NewSource(1))

// RandomDelay returns a delay around base, normally distributed.
func RandomDelay(base, deviation time.Duration) time.Duration {
	sample := rnd.NormFloat64()*float64(deviation) + float64(base)
	return time.Duration(math.Max(sample, 0))
}

// Fixed returns its argument: nothing random about it.
func Fixed(d time.Duration) time.Duration { return d }
