/* A stand-in bcryptprimitives.dll for Wine 8 (Debian 12's wine64), which lacks it; every
 * Windows 10 and 11 has the real one. Rust's standard library on Windows takes its random
 * numbers from bcryptprimitives!ProcessPrng; this forwards them to advapi32!SystemFunction036
 * (RtlGenRandom), which Wine has. Only wix/test-windows.sh uses it, copied into a Wine prefix
 * made for the test: it is never installed on a real PC. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
