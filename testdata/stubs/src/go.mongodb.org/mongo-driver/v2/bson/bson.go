// Package bson is a fake of go.mongodb.org/mongo-driver/v2/bson.
package bson

// M is a document, as an unordered map.
type M map[string]any
