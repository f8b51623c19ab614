// Package tokens is a relay that signs its upstream requests with an
// access token exchanged once per channel and kept in a cache until it
// expires (new-api's vertex adaptor).
package tokens

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Cache is a cache whose Get says by its error whether it hit.
type Cache struct{ m sync.Map }

func (c *Cache) Get(key string) (any, error) {
	if v, ok := c.m.Load(key); ok {
		return v, nil
	}
	return nil, errors.New("not found")
}

func (c *Cache) SetDefault(key string, v any) bool { c.m.Store(key, v); return true }

var tokens, spare Cache

func exchange(assertion string) (string, error) {
	resp, err := http.DefaultClient.PostForm("https://oauth2.example.com/token", url.Values{"assertion": {assertion}})
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	return "token", nil
}

// accessToken exchanges once per channel, on the cache's miss.
func accessToken(channel int) (string, error) {
	key := fmt.Sprintf("access-token-%d", channel)
	val, err := tokens.Get(key)
	if err == nil {
		return val.(string), nil
	}
	token, err := exchange("jwt")
	if err != nil {
		return "", fmt.Errorf("exchange: %w", err)
	}
	tokens.SetDefault(key, token)
	return token, nil
}

// In the if's init, with the hit tested in a conjunction.
func accessTokenInit(channel string) (string, error) {
	if val, err := tokens.Get(channel); err == nil && val != nil {
		return val.(string), nil
	}
	token, err := exchange("jwt")
	if err != nil {
		return "", err
	}
	tokens.SetDefault(channel, token)
	return token, nil
}

// fallbackToken tries the cache but keeps what it fetches elsewhere:
// every request for a missing key exchanges again.
func fallbackToken(channel int) (string, error) {
	key := fmt.Sprintf("access-token-%d", channel)
	val, err := tokens.Get(key)
	if err == nil {
		return val.(string), nil
	}
	token, err := exchange("jwt")
	if err != nil {
		return "", err
	}
	spare.SetDefault(key, token)
	return token, nil
}

var (
	rdb *redis.Client
	db  *sql.DB
)

// profileName reads a name through redis, and from the database on a
// miss, which it fills under the same key: once per user an hour.
func profileName(ctx context.Context, id string) string {
	name, err := rdb.Get(ctx, "user:"+id).Result()
	if err == nil {
		return name
	}
	db.QueryRow("SELECT name FROM users WHERE id = $1", id).Scan(&name)
	rdb.Set(ctx, "user:"+id, name, time.Hour)
	return name
}

// profileBio reads redis first but fills nothing: every miss queries.
func profileBio(ctx context.Context, id string) string {
	bio, err := rdb.Get(ctx, "bio:"+id).Result()
	if err == nil {
		return bio
	}
	db.QueryRow("SELECT bio FROM users WHERE id = $1", id).Scan(&bio)
	return bio
}

// --- not reported ---

func profile(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte(profileName(r.Context(), r.URL.Query().Get("id"))))
}

func relay(w http.ResponseWriter, r *http.Request) {
	token, err := accessToken(1)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Header().Set("Authorization", "Bearer "+token)
}

func relayInit(w http.ResponseWriter, r *http.Request) {
	token, _ := accessTokenInit(r.URL.Query().Get("channel"))
	w.Header().Set("Authorization", "Bearer "+token)
}

// --- reported ---

func bio(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte(profileBio(r.Context(), r.URL.Query().Get("id")))) // want `^note: profileBio does I/O that cannot be cancelled \(profileBio → \(\*sql.DB\).QueryRow\)`
}

func relayFallback(w http.ResponseWriter, r *http.Request) {
	token, _ := fallbackToken(1) // want `^error: fallbackToken sends a request to another service that cannot be cancelled`
	w.Header().Set("Authorization", "Bearer "+token)
}
