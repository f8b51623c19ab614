package store_test

func Example() {}
