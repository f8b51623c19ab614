// Package testimonials is production code, whatever its name starts with.
package testimonials

func List() {} // want `flush List` `node List`
