package netprobe

import (
	"net"
	"net/smtp"
)

// SendMail sends a message through the mail server at addr, on a
// connection it dials itself (as one-api's and pocketbase's mailers do).
func SendMail(addr, from, to string, msg []byte) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	c, err := smtp.NewClient(conn, addr)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Mail(from); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	return w.Close()
}

// Login checks a user's password against a mail server, as an SMTP
// authentication source does: a dial and AUTH, no message.
func Login(addr, user, password string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	c, err := smtp.NewClient(conn, addr)
	if err != nil {
		return err
	}
	defer c.Close()
	return c.Auth(smtp.PlainAuth("", user, password, addr))
}
