// Package memosvc serves memos over gRPC: the request message is what the
// client sent, as a form is (memos' SetMemoRelations).
package memosvc

import (
	"context"
	"database/sql"

	"google.golang.org/grpc"
	"memopb"
)

type Service struct{ db *sql.DB }

func Register(s *grpc.Server, db *sql.DB) {
	memopb.RegisterMemoServiceServer(s, &Service{db: db})
}

// SetRelations links the memos the user picked, one upsert each: the
// action the client asked for, item by item.
func (s *Service) SetRelations(ctx context.Context, req *memopb.SetRelationsRequest) (*memopb.Empty, error) {
	for _, r := range req.Relations {
		if _, err := s.db.ExecContext(ctx, "INSERT INTO memo_relation (memo_id, related_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", req.Memo, r.Related); err != nil {
			return nil, err
		}
	}
	return &memopb.Empty{}, nil
}

// GetMemos loads each memo the client names: a note, as many queries as
// the client sends IDs.
func (s *Service) GetMemos(ctx context.Context, req *memopb.GetMemosRequest) (*memopb.Empty, error) {
	for _, id := range req.IDs {
		var content string
		s.db.QueryRowContext(ctx, "SELECT content FROM memo WHERE id = $1", id).Scan(&content) // want `^note: s.db.QueryRowContext in a loop runs one query per item of req.IDs, which the request names`
	}
	return &memopb.Empty{}, nil
}
