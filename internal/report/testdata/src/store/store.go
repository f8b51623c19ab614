package store

func Get() {} // want `flush Get` `node Get`
