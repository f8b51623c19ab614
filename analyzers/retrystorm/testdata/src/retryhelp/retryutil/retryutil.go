// Package retryutil is the home-grown retry helper most services have:
// it runs the function it is given until it succeeds.
package retryutil

import "time"

// Do retries fn up to attempts times with no pause between attempts.
func Do(attempts int, fn func() error) (err error) { // want Do:"retries param 1 \\(paced false, bounded true\\)"
	for i := 0; i < attempts; i++ {
		if err = fn(); err == nil {
			return nil
		}
	}
	return err
}

// Forever retries fn until it succeeds, with no pause and no bound.
func Forever(fn func() error) { // want Forever:"retries param 0 \\(paced false, bounded false\\)"
	for {
		if err := fn(); err == nil {
			return
		}
	}
}

// Value retries a function that returns a value, every second, forever.
func Value[T any](fn func() (T, error)) T { // want Value:"retries param 0 \\(paced true, bounded false\\)"
	for {
		v, err := fn()
		if err == nil {
			return v
		}
		time.Sleep(time.Second)
	}
}

// OK: the pause doubles after each failure.
func Backoff(attempts int, fn func() error) (err error) {
	d := 100 * time.Millisecond
	for i := 0; i < attempts; i++ {
		if err = fn(); err == nil {
			return nil
		}
		time.Sleep(d)
		d *= 2
	}
	return err
}

// OK: a fixed pause and a bound.
func Paced(attempts int, fn func() error) (err error) {
	for i := 0; i < attempts; i++ {
		if err = fn(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return err
}

// OK: each item once, not a retry.
func Each(items []string, fn func(string) error) error {
	for i := 0; i < len(items); i++ {
		if err := fn(items[i]); err != nil {
			return err
		}
	}
	return nil
}

// OK: what the loop calls is not what the caller handed.
func Wrapped(fn func() error, wrap func(func() error) func() error) {
	fn = wrap(fn)
	for {
		if err := fn(); err == nil {
			return
		}
	}
}
