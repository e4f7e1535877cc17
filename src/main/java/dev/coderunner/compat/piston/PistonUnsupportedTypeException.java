package dev.coderunner.compat.piston;

/** A body that is labelled neither JSON nor text: 415, as Piston answers. */
class PistonUnsupportedTypeException extends RuntimeException {

    PistonUnsupportedTypeException() {
        super("requests must be of type application/json");
    }
}
