import { useEffect, useState } from 'react'

import { biometricsSupported } from '@/platform/biometrics'

/** The device can stand a fingerprint or face in for the PIN (WeChat SOTER); false until known. */
export function useBiometricsSupported(): boolean {
  const [supported, setSupported] = useState(false)
  useEffect(() => {
    let live = true
    void biometricsSupported().then((answer) => live && setSupported(answer))
    return () => {
      live = false
    }
  }, [])
  return supported
}
