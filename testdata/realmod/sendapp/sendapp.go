// Package sendapp sends messages from handlers with the real SDKs, in
// every variant a client offers (with a context or not, single or bulk,
// templated): thirdpartysync must report each, and none of the calls
// that only build a request or a client, nor sends in a goroutine.
package sendapp

import (
	"net/http"

	sesv2 "github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/service/ses"
	"github.com/aws/aws-sdk-go/service/sns"
	"github.com/sendgrid/sendgrid-go"
	"github.com/sendgrid/sendgrid-go/helpers/mail"
	verify "github.com/twilio/twilio-go/rest/verify/v2"
	gomail "github.com/wneessen/go-mail"
)

type H struct {
	SG     *sendgrid.Client
	SESv1  *ses.SES
	SNSv1  *sns.SNS
	SESv2  *sesv2.Client
	Verify *verify.ApiService
	GoMail *gomail.Client
}

func (h *H) Reset(w http.ResponseWriter, r *http.Request) {
	msg := mail.NewSingleEmail(mail.NewEmail("a", "a@x"), "s", mail.NewEmail("b", r.FormValue("to")), "t", "t")
	h.SG.SendWithContext(r.Context(), msg) // want `h.SG.SendWithContext sends through SendGrid while the request waits`
}

func (h *H) ResetLowLevel(w http.ResponseWriter, r *http.Request) {
	request := sendgrid.GetRequest("key", "/v3/mail/send", "https://api.sendgrid.com")
	request.Method = "POST"
	sendgrid.API(request) // want `sendgrid.API sends through SendGrid`
}

func (h *H) SES(w http.ResponseWriter, r *http.Request) {
	h.SESv1.SendEmailWithContext(r.Context(), &ses.SendEmailInput{Source: aws.String("a@x")}) // want `h.SESv1.SendEmailWithContext sends through AWS SES`
	h.SESv1.SendTemplatedEmail(&ses.SendTemplatedEmailInput{})                                // want `h.SESv1.SendTemplatedEmail sends through AWS SES`
	h.SNSv1.PublishWithContext(r.Context(), &sns.PublishInput{Message: aws.String("hi")})     // want `h.SNSv1.PublishWithContext sends through AWS SNS`
	h.SESv2.SendBulkEmail(r.Context(), &sesv2.SendBulkEmailInput{})                           // want `h.SESv2.SendBulkEmail sends through AWS SES`
}

// Request only builds the request: it is sent elsewhere.
func (h *H) Request(w http.ResponseWriter, r *http.Request) {
	req, _ := h.SESv1.SendEmailRequest(&ses.SendEmailInput{})
	go req.Send()
}

// Quota reads an account's quota: not a send.
func (h *H) Quota(w http.ResponseWriter, r *http.Request) {
	h.SESv1.GetSendQuotaWithContext(r.Context(), &ses.GetSendQuotaInput{})
}

func (h *H) OTP(w http.ResponseWriter, r *http.Request) {
	p := &verify.CreateVerificationParams{}
	p.SetTo(r.FormValue("phone"))
	p.SetChannel("sms")
	h.Verify.CreateVerification("VAxxxx", p) // want `h.Verify.CreateVerification sends through Twilio`
}

func (h *H) Mail(w http.ResponseWriter, r *http.Request) {
	m := gomail.NewMsg()
	h.GoMail.DialAndSendWithContext(r.Context(), m) // want `h.GoMail.DialAndSendWithContext sends through SMTP`
}

// Later sends in a goroutine: the request does not wait.
func (h *H) Later(w http.ResponseWriter, r *http.Request) {
	msg := mail.NewSingleEmail(mail.NewEmail("a", "a@x"), "s", mail.NewEmail("b", "b@x"), "t", "t")
	go h.SG.Send(msg)
	_ = sendgrid.NewSendClient("key")
}
