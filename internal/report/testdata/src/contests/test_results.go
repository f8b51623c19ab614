package contests

// Results are the results of a contest's test round: production code.
func Results() {} // want `flush Results` `node Results`
