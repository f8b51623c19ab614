// Package nogo has no code: its test checks that every analyzer of
// analyzers.All runs under Bazel's nogo (rules_go) and go vet -vettool
// with a remote cache, which cache an analysis by its inputs and pass
// facts between machines. It is a package of its own so that its cost
// does not add to the analyzers' tests.
package nogo
