// Package extra imports the other libraries the knowledge tables name, so
// testdata/realmod requires them and the table test can check their APIs.
package extra

import (
	_ "github.com/go-chi/chi/v5"
	_ "github.com/go-chi/chi/v5/middleware"
	_ "github.com/gofiber/fiber/v2"
	_ "github.com/google/uuid"
	_ "github.com/gorilla/mux"
	_ "github.com/jackc/pgx/v4"
	_ "github.com/jackc/pgx/v4/pgxpool"
	_ "xorm.io/xorm"

	_ "github.com/aws/aws-sdk-go-v2/service/ses"
	_ "github.com/aws/aws-sdk-go-v2/service/sesv2"
	_ "github.com/aws/aws-sdk-go-v2/service/sns"
	_ "github.com/redis/go-redis/v9"
	_ "github.com/wneessen/go-mail"
	_ "google.golang.org/grpc"

	_ "github.com/aws/aws-sdk-go/service/ses"
	_ "github.com/aws/aws-sdk-go/service/sns"
	_ "github.com/go-redis/redis/v8"
	_ "github.com/mailgun/mailgun-go/v4"
	_ "github.com/sendgrid/sendgrid-go"
	_ "github.com/twilio/twilio-go/rest/api/v2010"
	_ "gopkg.in/gomail.v2"
)
