// Command judge is a production command: its directories are no test
// suite's, whatever their names start with.
package main

func main() {} // want `flush main` `node main`
