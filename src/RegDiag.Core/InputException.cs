namespace RegDiag.Core;

/// <summary>
/// Bad input from the user (a file that is not a HAR, an invalid option value). The command line turns it
/// into a one-line message and exit code 2; the message must name the input and what is wrong with it.
/// </summary>
public sealed class InputException(string message, Exception? inner = null) : Exception(message, inner);
