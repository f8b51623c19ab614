// Package cache keeps entries forever; it cannot know who calls it.
package cache

var entries = map[string][]byte{}

func Put(k string, v []byte) { // want Put:"grows cache.entries at cache.go:7"
	entries[k] = v
}

func Get(k string) []byte { return entries[k] }

var problems []string

// Warn always grows problems: its callers that always call it grow it too.
func Warn(msg string) { // want Warn:"grows cache.problems at cache.go:16"
	problems = append(problems, msg)
}
