// Package sdk calls a MongoDB collection and AWS services from handlers,
// as the drivers' quick-starts write it: under context.TODO().
package sdk

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// objects is what the handlers need of an S3 client, declared to mock it
// in tests.
type objects interface {
	GetObject(ctx context.Context, params *s3.GetObjectInput, optFns ...func(*s3.Options)) (*s3.GetObjectOutput, error)
}

type Store struct {
	books   *mongo.Collection
	bucket  *s3.Client
	objects objects
}

func (s *Store) GetBook(w http.ResponseWriter, r *http.Request) {
	var book bson.M
	err := s.books.FindOne(context.TODO(), bson.M{"isbn": r.PathValue("isbn")}).Decode(&book) // want `^warning: s.books.FindOne runs under context.TODO\(\), detached from the request: when the client goes away, the work goes on; use r.Context\(\)`
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	json.NewEncoder(w).Encode(book)
}

func (s *Store) ListBooks(w http.ResponseWriter, r *http.Request) {
	cur, err := s.books.Find(context.Background(), bson.M{}) // want `^warning: s.books.Find runs under context.Background\(\), detached from the request`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	// The cursor fetches the rest of the result a batch at a time: the
	// round trip the handler waits on is Find's.
	var books []bson.M
	cur.All(context.Background(), &books)
	json.NewEncoder(w).Encode(books)
}

func (s *Store) Object(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	s.bucket.GetObject(context.TODO(), &s3.GetObjectInput{Key: &key}) // want `^error: s.bucket.GetObject runs under context.TODO\(\), detached from the request`
}

func (s *Store) Mocked(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("key")
	s.objects.GetObject(context.Background(), &s3.GetObjectInput{Key: &key}) // want `^error: s.objects.GetObject runs under context.Background\(\), detached from the request`
}

func (s *Store) Listing(w http.ResponseWriter, r *http.Request) {
	p := s3.NewListObjectsV2Paginator(s.bucket, &s3.ListObjectsV2Input{})
	for p.HasMorePages() {
		if _, err := p.NextPage(context.TODO()); err != nil { // want `^error: p.NextPage runs under context.TODO\(\), detached from the request`
			return
		}
	}
}

// Under the request's context, or one derived from it, or detached on
// purpose: not reported.
func (s *Store) Fixed(w http.ResponseWriter, r *http.Request) {
	var book bson.M
	s.books.FindOne(r.Context(), bson.M{"isbn": r.PathValue("isbn")}).Decode(&book)
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	key := r.PathValue("key")
	s.bucket.GetObject(ctx, &s3.GetObjectInput{Key: &key})
	s.books.InsertOne(context.WithoutCancel(r.Context()), bson.M{"viewed": key})
}

// Refresh runs from main, not on the request path: context.Background()
// is the only context there is.
func (s *Store) Refresh() error {
	_, err := s.books.Find(context.Background(), bson.M{})
	if err != nil {
		return err
	}
	_, err = s.bucket.ListObjectsV2(context.TODO(), &s3.ListObjectsV2Input{})
	return err
}

func Run() {
	s := &Store{}
	s.Refresh()
	http.HandleFunc("/books/{isbn}", s.GetBook)
}
