package blockapp

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sns"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Books is served from MongoDB and announces on SNS with the real
// drivers, as their quick-starts write it: under context.TODO().
type Books struct {
	coll   *mongo.Collection
	topics *sns.Client
}

func (b *Books) Get(w http.ResponseWriter, r *http.Request) {
	var book bson.M
	err := b.coll.FindOne(context.TODO(), bson.M{"isbn": r.PathValue("isbn")}).Decode(&book) // want `b.coll.FindOne runs under context.TODO\(\), detached from the request`
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	json.NewEncoder(w).Encode(book)
}

func (b *Books) List(w http.ResponseWriter, r *http.Request) {
	cur, err := b.coll.Find(context.Background(), bson.M{}) // want `b.coll.Find runs under context.Background\(\), detached from the request`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var books []bson.M
	cur.All(context.Background(), &books)
	json.NewEncoder(w).Encode(books)
}

func (b *Books) Topics(w http.ResponseWriter, r *http.Request) {
	out, err := b.topics.ListTopics(context.TODO(), &sns.ListTopicsInput{}) // want `b.topics.ListTopics runs under context.TODO\(\), detached from the request`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	json.NewEncoder(w).Encode(out.Topics)
}

// Fixed passes the request's context, or one derived from it.
func (b *Books) Fixed(w http.ResponseWriter, r *http.Request) {
	var book bson.M
	b.coll.FindOne(r.Context(), bson.M{"isbn": r.PathValue("isbn")}).Decode(&book)
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	b.topics.ListTopics(ctx, &sns.ListTopicsInput{})
}

// Warm runs at start-up, outside the request path.
func (b *Books) Warm() {
	b.coll.Find(context.Background(), bson.M{})
	b.topics.ListTopics(context.TODO(), &sns.ListTopicsInput{})
}
