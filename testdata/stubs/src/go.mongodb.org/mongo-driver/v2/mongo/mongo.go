// Package mongo is a fake of go.mongodb.org/mongo-driver/v2/mongo with
// the signatures crisislint relies on.
package mongo

import "context"

type Collection struct{}

type SingleResult struct{}

type Cursor struct{}

type InsertOneResult struct{ InsertedID any }

func (coll *Collection) FindOne(ctx context.Context, filter any, opts ...any) *SingleResult {
	return &SingleResult{}
}

func (coll *Collection) Find(ctx context.Context, filter any, opts ...any) (*Cursor, error) {
	return &Cursor{}, nil
}

func (coll *Collection) InsertOne(ctx context.Context, document any, opts ...any) (*InsertOneResult, error) {
	return &InsertOneResult{}, nil
}

func (sr *SingleResult) Decode(v any) error { return nil }

func (c *Cursor) Next(ctx context.Context) bool { return false }

func (c *Cursor) All(ctx context.Context, results any) error { return nil }
