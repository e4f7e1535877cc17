package dev.coderunner.compat.piston;

/** A Piston request refused before anything ran: answered as Piston does, {@code 400 {"message"}}. */
class PistonRequestException extends RuntimeException {

    PistonRequestException(String message) {
        super(message);
    }
}
