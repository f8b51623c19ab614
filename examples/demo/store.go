package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

type store struct{ db *sql.DB }

type user struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

type post struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	AuthorID int64  `json:"author_id"`
	Author   *user  `json:"author"`
}

// searchUsers finds users whose name starts with prefix, sorted as the
// client asks.
func (s *store) searchUsers(ctx context.Context, prefix, sort string) ([]user, error) {
	// Seed scenario 7: the search box goes straight into the SQL text.
	q := "SELECT id, name, email FROM users WHERE name LIKE '" + prefix + "%'"
	if sort != "" {
		q += " ORDER BY " + sort
	}
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []user
	for rows.Next() {
		var u user
		if err := rows.Scan(&u.ID, &u.Name, &u.Email); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func (s *store) createUser(ctx context.Context, u user) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx,
		fmt.Sprintf("INSERT INTO users (name, email) VALUES ('%s', '%s') RETURNING id", u.Name, u.Email)).Scan(&id)
	return id, err
}

func (s *store) deleteUser(id string) error {
	_, err := s.db.Exec("DELETE FROM users WHERE id = $1", id)
	return err
}

func (s *store) author(ctx context.Context, id int64) (*user, error) {
	u := &user{}
	err := s.db.QueryRowContext(ctx, "SELECT id, name, email FROM users WHERE id = $1", id).
		Scan(&u.ID, &u.Name, &u.Email)
	return u, err
}

// recentPosts returns the latest posts with their authors.
func (s *store) recentPosts(ctx context.Context, tags []string) ([]post, error) {
	q := "SELECT id, title, author_id FROM posts"
	if len(tags) > 0 {
		q += " WHERE tag IN ('" + strings.Join(tags, "','") + "')"
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY id DESC LIMIT 50")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var posts []post
	for rows.Next() {
		var p post
		if err := rows.Scan(&p.ID, &p.Title, &p.AuthorID); err != nil {
			return nil, err
		}
		posts = append(posts, p)
	}
	// Seed scenario 5: one query per post (N+1).
	for i := range posts {
		a, err := s.author(ctx, posts[i].AuthorID)
		if err != nil {
			return nil, err
		}
		posts[i].Author = a
	}
	return posts, nil
}
