package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/smtp"
	"os"
	"path/filepath"
	"strings"
)

type server struct{ store *store }

func (s *server) searchUsers(w http.ResponseWriter, r *http.Request) {
	users, err := s.store.searchUsers(r.Context(), r.URL.Query().Get("q"), r.URL.Query().Get("sort"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(users)
}

func (s *server) createUser(w http.ResponseWriter, r *http.Request) {
	// Seed scenario 9: a 1 GB body is decoded into memory.
	var u user
	if err := json.NewDecoder(r.Body).Decode(&u); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	id, err := s.store.createUser(r.Context(), u)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	u.ID = id
	// Seed scenario 6: the sign-up waits for the mail server.
	smtp.SendMail("mail.example.com:25", nil, "hello@example.com", []string{u.Email}, []byte("Welcome!"))
	json.NewEncoder(w).Encode(u)
}

func (s *server) uploadAvatar(w http.ResponseWriter, r *http.Request) {
	file, _, err := r.FormFile("avatar")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	name := filepath.Join(os.TempDir(), strings.ReplaceAll(r.PathValue("id"), "/", "_")+".png")
	if err := os.WriteFile(name, data, 0o600); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) deleteUser(w http.ResponseWriter, r *http.Request) {
	// Seed scenario 2: the delete cannot be cancelled when the client gives up.
	if err := s.store.deleteUser(r.PathValue("id")); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) listPosts(w http.ResponseWriter, r *http.Request) {
	var tags []string
	if t := r.URL.Query().Get("tags"); t != "" {
		tags = strings.Split(t, ",")
	}
	posts, err := s.store.recentPosts(r.Context(), tags)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(posts)
}
