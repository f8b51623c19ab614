package liteuser // want package:"database: embedded"

// liteuser never names the driver: it knows it from lite's fact.
import _ "lite"
